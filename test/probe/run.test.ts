/**
 * The engine's deadline: `timeout_seconds` bounds the whole check, retries included. Every attempt
 * runs under the check's one deadline signal, a hung check is never retried (decided by the
 * signal, not the clock), and no retry starts when what is left could not see it through. The
 * runners here are stand-ins that answer as a service would; nothing depends on the machine's
 * speed: a slower machine only leaves less time for a retry, which these tests forbid anyway.
 */
import { describe, expect, test } from 'vitest';
import { checkSchema, componentSchema, probeSchema } from '../../src/lib/config/schema.ts';
import { runProbes, type CheckOutcome, type RunOptions } from '../../src/lib/measure/run.ts';
import type { CheckResult, CheckRunner } from '../../src/lib/measure/types.ts';

type Answer = Omit<CheckResult, 'attempts'>;
const DOWN: Answer = {
  status: 'major_outage',
  reason: 'expected 2xx, got 503',
  phases: { total: 1 },
};
const UP: Answer = { status: 'operational', phases: { total: 1 } };

/** Runs one http check (its options as in heliograph.yaml) with `runner`; returns its outcome. */
async function runOne(
  options: Record<string, unknown>,
  runner: CheckRunner,
  extra: Partial<RunOptions> = {},
): Promise<CheckOutcome> {
  const check = checkSchema.parse({ type: 'http', url: 'http://127.0.0.1:9/', ...options });
  const [result] = await runProbes({
    targets: [
      {
        component: componentSchema.parse({ id: 'api', name: 'API' }),
        checks: [{ check, secrets: [] }],
      },
    ],
    policy: probeSchema.parse({}),
    runner,
    now: Date.now,
    ...extra,
  });
  return result!.checks[0]!;
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}

describe('one deadline for the whole check', () => {
  test('every attempt runs under the same deadline signal', async () => {
    const signals: AbortSignal[] = [];
    const answers = [DOWN, DOWN, UP];
    const outcome = await runOne(
      { timeout_seconds: 30, retries: 2 },
      (_check, ctx) => {
        signals.push(ctx.signal);
        return Promise.resolve(answers[signals.length - 1]!);
      },
      { sleep: () => Promise.resolve() },
    );
    expect(outcome).toMatchObject({ status: 'operational', attempts: 3 });
    expect(new Set(signals).size).toBe(1);
    expect(signals[0]!.aborted).toBe(false);
  });

  test('a hung check is not retried, even when the timer fires before the clock agrees', async () => {
    // Node's timer can fire a millisecond before performance.now() says the time is up; here it
    // fires 50 ms early, so that a decision taken from the clock would see time left and retry.
    const early = (ms: number) => AbortSignal.timeout(ms - 50);
    let attempts = 0;
    const hung: CheckRunner = async (_check, ctx) => {
      attempts++;
      await aborted(ctx.signal);
      return {
        status: 'major_outage',
        reason: 'timeout after 1 s waiting for headers',
        phases: { total: 1000 },
      };
    };
    const outcome = await runOne({ timeout_seconds: 1, retries: 3 }, hung, { deadline: early });
    expect(outcome).toMatchObject({ status: 'major_outage', attempts: 1 });
    expect(attempts).toBe(1);
  });

  test('a slow failure is not retried when less is left than the failed attempt took', async () => {
    // A 503 after 600 ms of a 1 s deadline: after the first backoff (250 ms), 150 ms at most are
    // left — on a slower machine less — and a retry would need 600.
    let attempts = 0;
    const slow503: CheckRunner = async () => {
      attempts++;
      await new Promise((done) => setTimeout(done, 600));
      return DOWN;
    };
    const outcome = await runOne({ timeout_seconds: 1, retries: 3 }, slow503);
    expect(outcome).toMatchObject({ status: 'major_outage', attempts: 1, reason: DOWN.reason });
    expect(attempts).toBe(1);
  });

  test('quick failures are retried with backoff while the deadline leaves room', async () => {
    const waits: number[] = [];
    const answers = [DOWN, DOWN, UP];
    let n = 0;
    const outcome = await runOne(
      { timeout_seconds: 30, retries: 3 },
      () => Promise.resolve(answers[n++]!),
      { sleep: (ms) => (waits.push(ms), Promise.resolve()) },
    );
    expect(outcome).toMatchObject({ status: 'operational', attempts: 3 });
    expect(waits).toEqual([250, 500]);
  });

  test('a runner that ignores the deadline is abandoned after it, and not retried', async () => {
    let attempts = 0;
    const deaf: CheckRunner = () => {
      attempts++;
      return new Promise<Answer>(() => undefined);
    };
    const outcome = await runOne({ timeout_seconds: 0.2, retries: 2 }, deaf);
    expect(outcome).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.2 s',
      attempts: 1,
    });
    expect(attempts).toBe(1);
  });
});
