/**
 * Runs every check concurrently under a bound, each under one hard deadline that covers all its
 * attempts, retrying quick failures with backoff while the deadline leaves room, and combines
 * each component's checks into one result. A down service is a result; this never throws for one.
 */
import pLimit from 'p-limit';
import type { ComponentConfig, ProbePolicy } from '../config/schema.ts';
import { combineCheckStatuses, type HealthStatus } from '../status.ts';
import type { ResolvedCheck } from '../secrets/secrets.ts';
import { createScrubber } from '../secrets/scrub.ts';
import { cleanText } from '../text/clean.ts';
import type { CheckContext, CheckResult, CheckRunner } from './types.ts';

/**
 * Retry policy, as named data with the reason for each value. A check's `timeout_seconds` is the
 * deadline of the whole check, retries included: an attempt that timed out used it up, so
 * timeouts are never retried (a service that hung rarely answers a second time).
 */
export const RETRY = {
  /** First backoff; doubles with each retry. Long enough for a restarting process to bind again. */
  baseDelayMs: 250,
  /** Never wait longer than this between attempts, so a run stays within its schedule. */
  maxDelayMs: 2_000,
  /**
   * A retry starts only if, after its backoff, the deadline leaves at least as long as the failed
   * attempt took (a 503 after 4.5 s of a 5 s deadline is not tried again: the deadline would cut
   * the retry short and it would tell nothing), and never less than this.
   */
  minAttemptMs: 250,
} as const;

/** Slack after the deadline before a runner that ignored its abort signal is abandoned. */
const ABANDON_AFTER_MS = 500;

/** A component and its checks, secrets already filled in. */
export interface ProbeTarget {
  component: ComponentConfig;
  checks: ResolvedCheck[];
}

/** One check's outcome within a component's result. */
export interface CheckOutcome extends CheckResult {
  name: string;
  type: string;
}

/** What one run saw of one component. */
export interface ComponentResult {
  component: string;
  /** When the run started, epoch ms. */
  at: number;
  status: HealthStatus;
  /** Total time of the first check that answered, in ms. */
  ms: number | null;
  reason?: string | undefined;
  checks: CheckOutcome[];
}

export interface RunOptions {
  targets: readonly ProbeTarget[];
  policy: ProbePolicy;
  /** Runs one attempt of any check (the dispatcher over `checks/`; tests may pass their own). */
  runner: CheckRunner;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The signal that aborts at a check's deadline; `AbortSignal.timeout` unless a test passes one
   * (Node's timer may fire a little before `performance.now()` says the time is up).
   */
  deadline?: (ms: number) => AbortSignal;
  /** Extra trusted CAs for TLS (tests). */
  ca?: string[] | undefined;
  /** Called as each component finishes (live progress). */
  onResult?: (result: ComponentResult) => void;
}

/** Runs all targets; results come back in the order of `targets`. */
export async function runProbes(options: RunOptions): Promise<ComponentResult[]> {
  const at = options.now();
  const limit = pLimit(options.policy.concurrency);
  return Promise.all(
    options.targets.map(async (target) => {
      const outcomes = await Promise.all(
        target.checks.map((resolved, i) => limit(() => runCheck(resolved, i, target, options))),
      );
      const result = combine(target, outcomes, at);
      options.onResult?.(result);
      return result;
    }),
  );
}

async function runCheck(
  resolved: ResolvedCheck,
  index: number,
  target: ProbeTarget,
  options: RunOptions,
): Promise<CheckOutcome> {
  const { check, secrets } = resolved;
  const { policy } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const timeoutMs = (check.timeout_seconds ?? policy.timeout_seconds) * 1000;
  const retries = check.retries ?? policy.retries;
  const scrub = createScrubber(secrets);
  const name =
    check.name ?? (target.checks.length > 1 ? `${check.type} #${index + 1}` : check.type);
  // One deadline for the whole check: every attempt runs under it with what is left.
  const deadline = (options.deadline ?? AbortSignal.timeout)(timeoutMs);
  const ctx: CheckContext = {
    signal: deadline,
    timeoutMs,
    policy,
    now: options.now,
    ca: options.ca,
    scrub,
  };
  const started = performance.now();
  let result: Omit<CheckResult, 'attempts'>;
  let attempts = 0;
  for (;;) {
    const attemptStarted = performance.now();
    attempts++;
    result = await attemptOnce(options.runner, check, ctx);
    // Whether the deadline passed is the signal's to say, not the clock's: the timer can fire a
    // millisecond before `performance.now()` agrees, and a hung check must never be retried.
    if (result.status !== 'major_outage' || deadline.aborted || attempts > retries) break;
    const backoff = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (attempts - 1));
    const took = performance.now() - attemptStarted;
    const left = timeoutMs - (performance.now() - started) - backoff;
    if (left < Math.max(took, RETRY.minAttemptMs)) break;
    await sleep(backoff);
    if (deadline.aborted) break;
  }
  return {
    ...result,
    // A reason may quote what a server or a third party answered: cleaned of escapes and
    // controls here, where it enters the history, incidents, issues and logs.
    reason: result.reason === undefined ? undefined : cleanText(scrub(result.reason)),
    attempts,
    name,
    type: check.type,
  };
}

/** One attempt; a runner that throws or ignores the deadline still yields a result. */
async function attemptOnce(
  runner: CheckRunner,
  check: ResolvedCheck['check'],
  ctx: CheckContext,
): Promise<Omit<CheckResult, 'attempts'>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const abandon = new Promise<Omit<CheckResult, 'attempts'>>((done) => {
    onAbort = () => {
      timer = setTimeout(
        () =>
          done({
            status: 'major_outage',
            reason: `timeout after ${seconds(ctx.timeoutMs)}`,
            phases: { total: Math.round(performance.now() - started) },
          }),
        ABANDON_AFTER_MS,
      );
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([runner(check, ctx), abandon]);
  } catch (error) {
    // A runner must not throw for a failing service; if one does, the run still records it.
    return {
      status: 'major_outage',
      reason: `check failed: ${(error as Error).message}`,
      phases: { total: Math.round(performance.now() - started) },
    };
  } finally {
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
  }
}

function combine(target: ProbeTarget, outcomes: CheckOutcome[], at: number): ComponentResult {
  const status = outcomes.length
    ? combineCheckStatuses(outcomes.map((o) => o.status))
    : 'operational';
  const answered = outcomes.find((o) => o.status !== 'major_outage');
  const problems = outcomes.filter((o) => o.status !== 'operational' && o.reason);
  const reason = problems
    .map((o) => (outcomes.length > 1 ? `${o.name}: ${o.reason}` : o.reason))
    .join('; ');
  return {
    component: target.component.id,
    at,
    status,
    ms: answered ? Math.round(answered.phases.total) : null,
    reason: reason || undefined,
    checks: outcomes,
  };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
