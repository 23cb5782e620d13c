import { describe, expect, test } from 'vitest';
import { advance, replay, type ConfirmPolicy } from '../../src/lib/history/state.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const TWO_TWO: ConfirmPolicy = { confirmDown: 2, confirmUp: 2 };

describe('confirmedStatus', () => {
  test.each<[string, string, HealthStatus | undefined]>([
    ['no runs yet', '', undefined],
    ['a single failing run is not confirmed', 'down', 'operational'],
    ['steady operational', 'up up up up', 'operational'],
    ['one blip is not confirmed', 'up up up down', 'operational'],
    ['a blip in the middle is forgotten', 'up up down up up', 'operational'],
    ['two failing runs confirm the outage', 'up up down down', 'major_outage'],
    ['one good answer is no recovery', 'down down down up', 'major_outage'],
    ['two good answers confirm the recovery', 'down down up up', 'operational'],
    ['a confirmed degradation', 'up up slow slow', 'degraded_performance'],
    ['a worse status seen once keeps the confirmed one', 'slow slow down', 'degraded_performance'],
    [
      'flapping after a confirmed outage keeps the outage',
      'down down up down up down',
      'major_outage',
    ],
    ['flapping after a confirmed recovery keeps it', 'down down up up down up down', 'operational'],
    [
      'flapping from the start falls back to the first run',
      'up down up down up down',
      'operational',
    ],
    [
      'trouble that alternates in kind is still confirmed, as its mildest',
      'up partial down',
      'partial_outage',
    ],
    [
      'alternating partial and major outage after a confirmed partial stays partial',
      'up partial partial down partial down',
      'partial_outage',
    ],
    ['a new kind of trouble needs its own runs', 'slow slow down down', 'major_outage'],
  ])('confirm 2/2: %s', (_, runs, expected) => {
    expect(confirmedStatus(parse(runs), TWO_TWO)).toBe(expected);
  });

  test.each<[string, ConfirmPolicy, string, HealthStatus | undefined]>([
    [
      'three runs needed, two seen',
      { confirmDown: 3, confirmUp: 1 },
      'up down down',
      'operational',
    ],
    [
      'three runs needed, three seen',
      { confirmDown: 3, confirmUp: 1 },
      'up down down down',
      'major_outage',
    ],
    [
      'recovery confirmed by one run',
      { confirmDown: 3, confirmUp: 1 },
      'down down down up',
      'operational',
    ],
    [
      'down confirmed by one run',
      { confirmDown: 1, confirmUp: 3 },
      'up up up down',
      'major_outage',
    ],
    [
      'recovery needs three runs, two seen',
      { confirmDown: 1, confirmUp: 3 },
      'down up up',
      'major_outage',
    ],
    [
      'recovery needs three runs, three seen',
      { confirmDown: 1, confirmUp: 3 },
      'down up up up',
      'operational',
    ],
    [
      'confirmDown applies to partial outages',
      { confirmDown: 3, confirmUp: 1 },
      'up partial partial',
      'operational',
    ],
    [
      '1/1 follows every run',
      { confirmDown: 1, confirmUp: 1 },
      'down up slow',
      'degraded_performance',
    ],
  ])('separate directions: %s', (_, policy, runs, expected) => {
    expect(confirmedStatus(parse(runs), policy)).toBe(expected);
  });
});

describe('the recorded decision', () => {
  const T0 = Date.parse('2026-11-21T09:00:00Z');
  const RUN = 5 * 60_000;
  const runs = (codes: string) => parse(codes).map((status, i) => ({ at: T0 + i * RUN, status }));

  test('since is the run that confirmed the status; before any change, the first run', () => {
    expect(replay(runs('up up'), TWO_TWO)).toEqual({
      confirmed: 'operational',
      since: '2026-11-21T09:00:00.000Z',
      count: 0,
    });
    expect(replay(runs('up down down up'), TWO_TWO)).toEqual({
      confirmed: 'major_outage',
      since: '2026-11-21T09:10:00.000Z',
      pending: 'operational',
      count: 1,
    });
  });

  test('a change is reported once, by the run that confirms it', () => {
    const first = advance(undefined, 'major_outage', T0, TWO_TWO);
    expect(first.change).toBeUndefined();
    const second = advance(first.state, 'major_outage', T0 + RUN, TWO_TWO);
    expect(second.change).toEqual({ from: 'operational', to: 'major_outage' });
    expect(advance(second.state, 'major_outage', T0 + 2 * RUN, TWO_TWO).change).toBeUndefined();
  });
});

/** The confirmed status after runs (oldest first), as the prober records it run by run. */
function confirmedStatus(
  results: readonly HealthStatus[],
  policy: ConfirmPolicy,
): HealthStatus | undefined {
  return replay(
    results.map((status, i) => ({ at: i * 60_000, status })),
    policy,
  )?.confirmed;
}

const CODES: Record<string, HealthStatus> = {
  up: 'operational',
  slow: 'degraded_performance',
  partial: 'partial_outage',
  down: 'major_outage',
};

/** `"up up down"` → statuses, oldest first. */
function parse(runs: string): HealthStatus[] {
  return runs
    .split(' ')
    .filter(Boolean)
    .map((code) => {
      const status = CODES[code];
      if (!status) throw new Error(`unknown run code ${code}`);
      return status;
    });
}
