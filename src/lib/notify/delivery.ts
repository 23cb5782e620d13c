/**
 * Delivering one message to one target: each attempt under a hard deadline, transient failures
 * retried with backoff (honouring Retry-After), then a verdict the run can act on. The policy is
 * named data with the reason for each value.
 */

/** How hard a delivery tries, and why these numbers. */
export const DELIVERY_POLICY = {
  /**
   * Deadline of one attempt, response body included: chat webhooks answer in well under a second,
   * and 10 s still covers a slow SMTP greeting. A hung target costs this once per run.
   */
  timeoutMs: 10_000,
  /** Attempts in all for one message: enough to ride out a restart, few enough to end the run. */
  attempts: 4,
  /** Wait before the second attempt; doubled after each, with up to 25 % jitter. */
  backoffMs: 1_000,
  /** Longest backoff between two attempts. */
  maxBackoffMs: 8_000,
  /**
   * Longest Retry-After honoured inside a run. A longer one ends the target's turn: the message is
   * not recorded as sent, so the next scheduled run (5 minutes later) tries again.
   */
  maxRetryAfterMs: 60_000,
  /** Targets served at once; one target's events always go one after the other, in order. */
  concurrency: 4,
} as const;

export type DeliveryPolicy = { -readonly [K in keyof typeof DELIVERY_POLICY]: number };

/** HTTP statuses worth another attempt, each with its reason; any other 4xx or 5xx is final. */
export const RETRY_STATUS: Readonly<Record<number, string>> = {
  408: 'request timeout: the server gave up waiting for us; a new attempt may pass',
  429: 'rate limited: wait as long as Retry-After says, then try again',
  500: 'internal server error: usually transient',
  502: 'bad gateway: a proxy in front of the service could not reach it',
  503: 'service unavailable: overloaded or restarting',
  504: 'gateway timeout: the service behind the proxy was too slow',
};

/**
 * What one failed attempt means:
 * - `retry`: transient (network error, a RETRY_STATUS); try again after a wait;
 * - `timeout`: no answer before the deadline; not retried, because the message may have arrived
 *   and a hung target would hold the run for attempts × deadline;
 * - `permanent`: this message will never pass as it is (401, 400…); other messages may.
 */
export type Verdict = 'retry' | 'timeout' | 'permanent';

/** A failed attempt: what, where and why, with the original error as `cause`. */
export class DeliveryError extends Error {
  readonly verdict: Verdict;
  /** From a Retry-After header, when the target sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: { verdict: Verdict; retryAfterMs?: number | undefined; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.verdict = options.verdict;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** What delivering needs from outside, passed in so that tests control time. */
export interface DeliveryDeps {
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), for jitter. */
  random: () => number;
  policy: DeliveryPolicy;
}

/** How a delivery ended. */
export type DeliveryOutcome =
  | { ok: true; attempts: number; detail?: string | undefined }
  | {
      ok: false;
      attempts: number;
      error: DeliveryError;
      /**
       * The target is unreachable, hung or rate-limited for longer than a run waits: its other
       * messages wait for the next run instead of failing one by one.
       */
      targetDown: boolean;
    };

/**
 * Runs `attempt` until it succeeds, fails for good or runs out of attempts. `attempt` receives a
 * signal that aborts at the deadline and throws a DeliveryError; any other error is a bug and
 * propagates.
 */
export async function deliver(
  attempt: (signal: AbortSignal) => Promise<string | undefined>,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome> {
  const { policy } = deps;
  for (let n = 1; ; n++) {
    try {
      const detail = await attempt(AbortSignal.timeout(policy.timeoutMs));
      return { ok: true, attempts: n, detail };
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      if (error.verdict === 'permanent')
        return { ok: false, attempts: n, error, targetDown: false };
      if (error.verdict === 'timeout' || n >= policy.attempts) {
        return { ok: false, attempts: n, error, targetDown: true };
      }
      const wait = error.retryAfterMs ?? backoff(n, deps);
      if (wait > policy.maxRetryAfterMs) {
        const waitError = new DeliveryError(
          `${error.message}; asked to wait ${Math.ceil(wait / 1000)} s, longer than a run waits (${policy.maxRetryAfterMs / 1000} s)`,
          { verdict: 'retry', cause: error },
        );
        return { ok: false, attempts: n, error: waitError, targetDown: true };
      }
      await deps.sleep(wait);
    }
  }
}

/** Milliseconds a Retry-After header asks for (seconds, or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter, so that several runners do not retry in step. */
function backoff(attempt: number, deps: DeliveryDeps): number {
  const base = Math.min(deps.policy.backoffMs * 2 ** (attempt - 1), deps.policy.maxBackoffMs);
  return Math.round(base * (1 + 0.25 * deps.random()));
}
