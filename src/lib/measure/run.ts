/**
 * Runs every check concurrently under a bound, each attempt under a hard deadline, retrying quick
 * failures with backoff, and combines each component's checks into one result. A down service is
 * a result; this never throws for one.
 */
import pLimit from 'p-limit';
import type { ComponentConfig, ProbePolicy } from '../config/schema.ts';
import { combineCheckStatuses, type HealthStatus } from '../status.ts';
import type { ResolvedCheck } from '../secrets/secrets.ts';
import { createScrubber } from '../secrets/scrub.ts';
import type { CheckContext, CheckResult, CheckRunner } from './types.ts';

/** Retry policy, as named data with the reason for each value. */
export const RETRY = {
  /** First backoff; doubles with each retry. Long enough for a restarting process to bind again. */
  baseDelayMs: 250,
  /** Never wait longer than this between attempts, so a run stays within its schedule. */
  maxDelayMs: 2_000,
  /**
   * Retry only failures that came back before the deadline (refused, reset, 5xx): a service that
   * hung for the whole deadline rarely answers a second time, and retrying it would double the run.
   */
  retryTimeouts: false,
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
  let result: Omit<CheckResult, 'attempts'> = {
    status: 'major_outage',
    reason: 'not run',
    phases: { total: 0 },
  };
  let attempts = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0)
      await sleep(Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (attempt - 1)));
    attempts++;
    const started = performance.now();
    result = await attemptOnce(options.runner, check, {
      signal: AbortSignal.timeout(timeoutMs),
      timeoutMs,
      policy,
      now: options.now,
      ca: options.ca,
      scrub,
    });
    const timedOut = performance.now() - started >= timeoutMs;
    if (result.status !== 'major_outage' || (timedOut && !RETRY.retryTimeouts)) break;
  }
  return {
    ...result,
    reason: result.reason === undefined ? undefined : scrub(result.reason),
    attempts,
    name,
    type: check.type,
  };
}

/** One attempt; a runner that throws or ignores its deadline still yields a result. */
async function attemptOnce(
  runner: CheckRunner,
  check: ResolvedCheck['check'],
  ctx: CheckContext,
): Promise<Omit<CheckResult, 'attempts'>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const abandon = new Promise<Omit<CheckResult, 'attempts'>>((done) => {
    timer = setTimeout(
      () =>
        done({
          status: 'major_outage',
          reason: `timeout after ${seconds(ctx.timeoutMs)}`,
          phases: { total: ctx.timeoutMs },
        }),
      ctx.timeoutMs + ABANDON_AFTER_MS,
    );
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
