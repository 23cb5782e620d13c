/**
 * The deadline benchmark: 1,000 HTTP checks with retries on, run by the prober's engine and real
 * HTTP runner against the latency server (in its own process), where 2 % of the services hang,
 * some fail slowly (a 503 just before the deadline) and some fail fast. Each check is timed from
 * its first attempt to its outcome; none may take longer than its deadline plus a second, and no
 * hung check may be tried twice.
 */
import { checkSchema, componentSchema, probeSchema } from '../../src/lib/config/schema.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { runProbes, type ProbeTarget } from '../../src/lib/measure/run.ts';
import type { CheckRunner } from '../../src/lib/measure/types.ts';
import { mulberry32 } from '../../src/lib/example/generate.ts';

/** What the deadline benchmark holds the prober to, and why. */
export const DEADLINE_TARGETS = {
  /** `timeout_seconds` of every check. */
  deadlineMs: 5_000,
  /** Retries after the first attempt: the schema's maximum is 5; 2 makes retries matter. */
  retries: 2,
  /** A check ends within its deadline plus this: the time to tear down a hung connection. */
  maxOverrunMs: 1_000,
  /** Share of services that never answer. */
  hangingShare: 0.02,
  /** Share that answer 503 after 4–4.9 s: a retry could not finish within the deadline. */
  slowFailureShare: 0.1,
  /** Share that answer 503 within 100 ms: retried, and still within the deadline. */
  fastFailureShare: 0.1,
  /** Checks in flight at once, so that every check starts at once and none waits its turn. */
  concurrency: 1_000,
} as const;

type Kind = 'hang' | 'slow failure' | 'fast failure' | 'ok';

export interface DeadlineBenchResult {
  checks: number;
  wallMs: number;
  /** The longest check, first attempt to outcome. */
  longestMs: number;
  longestKind: Kind;
  /** Checks longer than the deadline plus the allowed overrun. */
  overruns: number;
  /** Attempts made by the hung checks beyond their first. */
  hungRetries: number;
  /** Mean attempts of the slow and of the fast failures. */
  slowAttempts: number;
  fastAttempts: number;
}

/** Runs `checks` checks against the latency server at `origin`. */
export async function deadlineBench(
  checks: number,
  origin: string,
  seed = 1,
): Promise<DeadlineBenchResult> {
  const random = mulberry32(seed);
  const kinds = new Map<string, Kind>();
  const targets: ProbeTarget[] = Array.from({ length: checks }, (_, i) => {
    const roll = random();
    const t = DEADLINE_TARGETS;
    const [kind, path]: [Kind, string] =
      roll < t.hangingShare
        ? ['hang', '/hang']
        : roll < t.hangingShare + t.slowFailureShare
          ? ['slow failure', `/fail/${4000 + Math.floor(random() * 900)}`]
          : roll < t.hangingShare + t.slowFailureShare + t.fastFailureShare
            ? ['fast failure', `/fail/${10 + Math.floor(random() * 90)}`]
            : ['ok', `/d/${10 + Math.floor(random() * 491)}`];
    const id = `c${i}`;
    kinds.set(id, kind);
    const check = checkSchema.parse({
      type: 'http',
      url: `${origin}${path}?check=${id}`,
      timeout_seconds: t.deadlineMs / 1000,
      retries: t.retries,
    });
    return {
      component: componentSchema.parse({ id, name: `Check ${i}` }),
      checks: [{ check, secrets: [] }],
    };
  });

  // Each check's first attempt, by the check object the engine passes to every attempt.
  const firstAttempt = new Map<object, number>();
  const checkOf = new Map(targets.map((t) => [t.component.id, t.checks[0]!.check as object]));
  const timed: CheckRunner = (check, ctx) => {
    if (!firstAttempt.has(check)) firstAttempt.set(check, performance.now());
    return runCheck(check, ctx);
  };
  const durations = new Map<string, number>();
  const started = performance.now();
  const results = await runProbes({
    targets,
    policy: probeSchema.parse({ concurrency: DEADLINE_TARGETS.concurrency }),
    runner: timed,
    now: Date.now,
    onResult: (r) => {
      const first = firstAttempt.get(checkOf.get(r.component) ?? {}) ?? started;
      durations.set(r.component, performance.now() - first);
    },
  });
  const wallMs = performance.now() - started;

  let longestMs = 0;
  let longestKind: Kind = 'ok';
  let overruns = 0;
  for (const [id, ms] of durations) {
    if (ms > longestMs) [longestMs, longestKind] = [ms, kinds.get(id) ?? 'ok'];
    if (ms > DEADLINE_TARGETS.deadlineMs + DEADLINE_TARGETS.maxOverrunMs) overruns++;
  }
  const attemptsOf = (kind: Kind): number[] =>
    results.filter((r) => kinds.get(r.component) === kind).map((r) => r.checks[0]!.attempts);
  const mean = (list: number[]): number => list.reduce((a, b) => a + b, 0) / (list.length || 1);
  return {
    checks,
    wallMs,
    longestMs,
    longestKind,
    overruns,
    hungRetries: attemptsOf('hang').reduce((sum, n) => sum + n - 1, 0),
    slowAttempts: mean(attemptsOf('slow failure')),
    fastAttempts: mean(attemptsOf('fast failure')),
  };
}
