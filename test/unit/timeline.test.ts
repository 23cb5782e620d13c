import { describe, expect, test } from 'vitest';
import type { HealthStatus } from '../../src/lib/status.ts';
import { addDays, HOUR, startOfLocalDay, type DaySpan } from '../../src/lib/time.ts';
import {
  dailyMinutes,
  type Rollup,
  type Segment,
  type Span,
  type TimelineInput,
} from '../../src/lib/timeline.ts';
import type { Minutes } from '../../src/lib/uptime.ts';

const TZ = 'Europe/Rome';
/** Long after every day in these tests. */
const LATER = Date.parse('2027-01-01T00:00:00Z');

describe('dailyMinutes', () => {
  test('an incident spanning local midnight is split between the two local days', () => {
    // 23:30 → 01:00 in Rome (CEST), i.e. 21:30Z → 23:00Z on the UTC day of 15 July.
    const result = dailyMinutes(
      input({
        probe: [seg('2026-07-14T22:00:00Z', '2026-07-16T22:00:00Z', 'operational')],
        incidents: [seg('2026-07-15T21:30:00Z', '2026-07-15T23:00:00Z', 'major_outage')],
      }),
      localDays('2026-07-15', 2),
      LATER,
    );
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 1440, major: 30 }));
    expect(result.get('2026-07-16')).toEqual(minutes({ observed: 1440, major: 60 }));
  });

  test('an incident spanning midnight on a component without checks', () => {
    const result = dailyMinutes(
      input({
        incidents: [seg('2026-07-15T21:00:00Z', '2026-07-16T00:00:00Z', 'partial_outage')],
        observedFrom: Date.parse('2026-07-01T00:00:00Z'),
      }),
      localDays('2026-07-15', 2),
      LATER,
    );
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 1440, partial: 60 }));
    expect(result.get('2026-07-16')).toEqual(minutes({ observed: 1440, partial: 120 }));
  });

  test.each<[string, string, number]>([
    ['the day before spring-forward', '2026-03-28', 1440],
    ['spring-forward day (23 h)', '2026-03-29', 1380],
    ['fall-back day (25 h)', '2026-10-25', 1500],
    ['the day after fall-back', '2026-10-26', 1440],
  ])('a full day of data on %s is %i observed minutes', (_, date, observed) => {
    const start = startOfLocalDay(date, TZ);
    const end = startOfLocalDay(addDays(date, 1), TZ);
    const result = dailyMinutes(
      input({ probe: [{ start: start - HOUR, end: end + HOUR, status: 'operational' }] }),
      localDays(date, 1),
      LATER,
    );
    expect(result.get(date)).toEqual(minutes({ observed }));
  });

  test('an outage over the fall-back hour counts all 25 hours', () => {
    // The whole local day of 25 October down: 22:00Z on the 24th to 23:00Z on the 25th.
    const result = dailyMinutes(
      input({ probe: [seg('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 'major_outage')] }),
      localDays('2026-10-25', 1),
      LATER,
    );
    expect(result.get('2026-10-25')).toEqual(minutes({ observed: 1500, major: 1500 }));
  });

  test.each<[string, Segment[], Partial<Minutes>]>([
    [
      'a worse incident overlapping a milder one',
      [
        seg('2026-07-15T08:00:00Z', '2026-07-15T10:00:00Z', 'partial_outage'),
        seg('2026-07-15T09:00:00Z', '2026-07-15T11:00:00Z', 'major_outage'),
      ],
      { observed: 1440, partial: 60, major: 120 },
    ],
    [
      'a milder incident inside a worse one',
      [
        seg('2026-07-15T08:00:00Z', '2026-07-15T12:00:00Z', 'major_outage'),
        seg('2026-07-15T09:00:00Z', '2026-07-15T10:00:00Z', 'degraded_performance'),
      ],
      { observed: 1440, major: 240 },
    ],
    [
      'two identical incidents at once',
      [
        seg('2026-07-15T08:00:00Z', '2026-07-15T09:00:00Z', 'major_outage'),
        seg('2026-07-15T08:00:00Z', '2026-07-15T09:00:00Z', 'major_outage'),
      ],
      { observed: 1440, major: 60 },
    ],
    [
      'an incident that sets operational does not hide the other',
      [
        seg('2026-07-15T08:00:00Z', '2026-07-15T09:00:00Z', 'operational'),
        seg('2026-07-15T08:30:00Z', '2026-07-15T09:30:00Z', 'degraded_performance'),
      ],
      { observed: 1440, degraded: 60 },
    ],
  ])('overlapping incidents on one component: %s', (_, incidents, expected) => {
    const result = dailyMinutes(
      input({
        probe: [seg('2026-07-14T22:00:00Z', '2026-07-15T22:00:00Z', 'operational')],
        incidents,
      }),
      localDays('2026-07-15', 1),
      LATER,
    );
    expect(result.get('2026-07-15')).toEqual(minutes(expected));
  });

  test('the worse of probe and incident wins where they overlap', () => {
    const result = dailyMinutes(
      input({
        probe: [
          seg('2026-07-14T22:00:00Z', '2026-07-15T08:00:00Z', 'operational'),
          seg('2026-07-15T08:00:00Z', '2026-07-15T10:00:00Z', 'major_outage'),
          seg('2026-07-15T10:00:00Z', '2026-07-15T22:00:00Z', 'operational'),
        ],
        incidents: [seg('2026-07-15T09:00:00Z', '2026-07-15T12:00:00Z', 'partial_outage')],
      }),
      localDays('2026-07-15', 1),
      LATER,
    );
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 1440, major: 120, partial: 120 }));
  });

  test.each<[string, Partial<TimelineInput>, Partial<Minutes>]>([
    [
      'inside a probe outage',
      {
        probe: [
          seg('2026-07-14T22:00:00Z', '2026-07-15T08:00:00Z', 'operational'),
          seg('2026-07-15T08:00:00Z', '2026-07-15T14:00:00Z', 'major_outage'),
          seg('2026-07-15T14:00:00Z', '2026-07-15T22:00:00Z', 'operational'),
        ],
        maintenance: [span('2026-07-15T10:00:00Z', '2026-07-15T11:00:00Z')],
      },
      { observed: 1380, major: 300, maintenance: 60 },
    ],
    [
      'inside an incident',
      {
        probe: [seg('2026-07-14T22:00:00Z', '2026-07-15T22:00:00Z', 'operational')],
        incidents: [seg('2026-07-15T08:00:00Z', '2026-07-15T12:00:00Z', 'partial_outage')],
        maintenance: [span('2026-07-15T09:00:00Z', '2026-07-15T10:30:00Z')],
      },
      { observed: 1350, partial: 150, maintenance: 90 },
    ],
    [
      'over the start of an outage',
      {
        probe: [
          seg('2026-07-14T22:00:00Z', '2026-07-15T12:00:00Z', 'operational'),
          seg('2026-07-15T12:00:00Z', '2026-07-15T22:00:00Z', 'degraded_performance'),
        ],
        maintenance: [span('2026-07-15T11:00:00Z', '2026-07-15T13:00:00Z')],
      },
      { observed: 1320, degraded: 540, maintenance: 120 },
    ],
    [
      'over a probe gap',
      {
        probe: [seg('2026-07-14T22:00:00Z', '2026-07-15T10:00:00Z', 'operational')],
        maintenance: [span('2026-07-15T10:00:00Z', '2026-07-15T11:00:00Z')],
      },
      { observed: 720, maintenance: 60 },
    ],
  ])('maintenance %s is left out of observed time and of the outage', (_, partial, expected) => {
    const result = dailyMinutes(input(partial), localDays('2026-07-15', 1), LATER);
    expect(result.get('2026-07-15')).toEqual(minutes(expected));
  });

  test('a component without checks: minutes before observedFrom are unobserved, its status comes from incidents', () => {
    // observedFrom 08:00 in Rome on 15 July; the day started at 22:00Z on the 14th.
    const result = dailyMinutes(
      input({
        incidents: [seg('2026-07-15T10:00:00Z', '2026-07-15T12:00:00Z', 'degraded_performance')],
        observedFrom: Date.parse('2026-07-15T06:00:00Z'),
      }),
      localDays('2026-07-14', 3),
      LATER,
    );
    expect(result.get('2026-07-14')).toEqual(minutes({}));
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 960, degraded: 120 }));
    expect(result.get('2026-07-16')).toEqual(minutes({ observed: 1440 }));
  });

  test('a component without checks and no observedFrom has no data even with an incident', () => {
    const result = dailyMinutes(
      input({ incidents: [seg('2026-07-15T10:00:00Z', '2026-07-15T11:00:00Z', 'major_outage')] }),
      localDays('2026-07-15', 1),
      LATER,
    );
    // The incident's own hour is known; the rest of the day is not.
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 60, major: 60 }));
  });

  test.each<[string, Partial<TimelineInput>, Partial<Minutes>]>([
    [
      'a two-hour gap between samples',
      {
        probe: [
          seg('2026-07-14T22:00:00Z', '2026-07-15T10:00:00Z', 'operational'),
          seg('2026-07-15T12:00:00Z', '2026-07-15T22:00:00Z', 'operational'),
        ],
      },
      { observed: 1320 },
    ],
    [
      'a gap partly covered by an incident',
      {
        probe: [
          seg('2026-07-14T22:00:00Z', '2026-07-15T10:00:00Z', 'operational'),
          seg('2026-07-15T12:00:00Z', '2026-07-15T22:00:00Z', 'operational'),
        ],
        incidents: [seg('2026-07-15T11:00:00Z', '2026-07-15T13:00:00Z', 'major_outage')],
      },
      { observed: 1380, major: 120 },
    ],
    ['no samples at all', {}, {}],
    [
      'samples only in the evening',
      { probe: [seg('2026-07-15T16:00:00Z', '2026-07-15T22:00:00Z', 'partial_outage')] },
      { observed: 360, partial: 360 },
    ],
  ])('probe gaps are unobserved, never green: %s', (_, partial, expected) => {
    const result = dailyMinutes(input(partial), localDays('2026-07-15', 1), LATER);
    expect(result.get('2026-07-15')).toEqual(minutes(expected));
  });

  test('minutes are clipped at now and future days are empty', () => {
    const now = Date.parse('2026-07-15T10:00:00Z'); // 12:00 in Rome
    const result = dailyMinutes(
      input({
        probe: [seg('2026-07-14T22:00:00Z', '2026-07-15T10:00:00Z', 'operational')],
        incidents: [seg('2026-07-15T09:00:00Z', '2026-07-15T18:00:00Z', 'major_outage')],
        maintenance: [span('2026-07-15T09:30:00Z', '2026-07-15T20:00:00Z')],
      }),
      localDays('2026-07-15', 2),
      now,
    );
    expect(result.get('2026-07-15')).toEqual(
      minutes({ observed: 690, major: 30, maintenance: 30 }),
    );
    expect(result.get('2026-07-16')).toEqual(minutes({}));
  });

  test('a component without checks is observed only until now', () => {
    const now = Date.parse('2026-07-15T04:00:00Z'); // 06:00 in Rome
    const result = dailyMinutes(
      input({ observedFrom: Date.parse('2026-07-01T00:00:00Z') }),
      localDays('2026-07-15', 1),
      now,
    );
    expect(result.get('2026-07-15')).toEqual(minutes({ observed: 360 }));
  });

  test('a window of 24 hours that is not a local day', () => {
    const now = Date.parse('2026-07-15T12:00:00Z');
    const result = dailyMinutes(
      input({
        probe: [
          seg('2026-07-14T00:00:00Z', '2026-07-14T18:00:00Z', 'operational'),
          seg('2026-07-14T18:00:00Z', '2026-07-14T18:10:00Z', 'major_outage'),
          seg('2026-07-14T18:10:00Z', '2026-07-15T12:00:00Z', 'operational'),
        ],
      }),
      [{ date: '', start: now - 24 * HOUR, end: now }],
      now,
    );
    expect(result.get('')).toEqual(minutes({ observed: 1440, major: 10 }));
  });

  describe('rollup days (samples pruned)', () => {
    const probeFrom16 = [seg('2026-07-15T22:00:00Z', '2026-07-16T22:00:00Z', 'operational')];

    test.each<[string, Partial<TimelineInput>, Partial<Minutes>]>([
      ['the rollup alone', {}, { observed: 1440, degraded: 5, partial: 10, major: 30 }],
      [
        'an incident longer than the probe outage',
        { incidents: [seg('2026-07-15T08:00:00Z', '2026-07-15T10:00:00Z', 'major_outage')] },
        { observed: 1440, degraded: 5, partial: 10, major: 120 },
      ],
      [
        'a shorter incident: the probe’s minutes stand',
        { incidents: [seg('2026-07-15T08:00:00Z', '2026-07-15T08:20:00Z', 'major_outage')] },
        { observed: 1440, degraded: 5, partial: 10, major: 30 },
      ],
      [
        'maintenance takes the probe’s worst minutes first',
        { maintenance: [span('2026-07-15T02:00:00Z', '2026-07-15T02:20:00Z')] },
        { observed: 1420, degraded: 5, partial: 10, major: 10, maintenance: 20 },
      ],
      [
        'maintenance longer than the probe’s major minutes takes partial ones next',
        { maintenance: [span('2026-07-15T02:00:00Z', '2026-07-15T02:40:00Z')] },
        { observed: 1400, degraded: 5, partial: 0, major: 0, maintenance: 40 },
      ],
      [
        'an incident and maintenance',
        {
          incidents: [seg('2026-07-15T08:00:00Z', '2026-07-15T10:00:00Z', 'major_outage')],
          maintenance: [span('2026-07-15T14:00:00Z', '2026-07-15T15:00:00Z')],
        },
        { observed: 1380, degraded: 0, partial: 0, major: 120, maintenance: 60 },
      ],
    ])('%s', (_, partial, expected) => {
      const result = dailyMinutes(
        input({
          probe: probeFrom16,
          rollups: rollups({
            date: '2026-07-15',
            observed: 1440,
            degraded: 5,
            partial: 10,
            major: 30,
          }),
          ...partial,
        }),
        localDays('2026-07-15', 2),
        LATER,
      );
      expect(result.get('2026-07-15')).toEqual(minutes(expected));
      expect(result.get('2026-07-16')).toEqual(minutes({ observed: 1440 }));
    });

    test('a rollup with partial coverage keeps its observed minutes', () => {
      const result = dailyMinutes(
        input({
          probe: probeFrom16,
          rollups: rollups({
            date: '2026-07-15',
            observed: 600,
            degraded: 0,
            partial: 0,
            major: 0,
          }),
        }),
        localDays('2026-07-15', 1),
        LATER,
      );
      expect(result.get('2026-07-15')).toEqual(minutes({ observed: 600 }));
    });

    test('a day that still has samples is read from them, not from its rollup', () => {
      const result = dailyMinutes(
        input({
          probe: [seg('2026-07-14T22:00:00Z', '2026-07-16T22:00:00Z', 'operational')],
          rollups: rollups({
            date: '2026-07-15',
            observed: 1440,
            degraded: 0,
            partial: 0,
            major: 300,
          }),
        }),
        localDays('2026-07-15', 1),
        LATER,
      );
      expect(result.get('2026-07-15')).toEqual(minutes({ observed: 1440 }));
    });
  });
});

function seg(start: string, end: string, status: HealthStatus): Segment {
  return { start: Date.parse(start), end: Date.parse(end), status };
}

function span(start: string, end: string): Span {
  return { start: Date.parse(start), end: Date.parse(end) };
}

function input(partial: Partial<TimelineInput>): TimelineInput {
  return { probe: [], incidents: [], maintenance: [], rollups: new Map(), ...partial };
}

function rollups(...list: Rollup[]): Map<string, Rollup> {
  return new Map(list.map((r) => [r.date, r]));
}

/** `count` local days in Rome starting with `first`. */
function localDays(first: string, count: number): DaySpan[] {
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(first, i);
    return { date, start: startOfLocalDay(date, TZ), end: startOfLocalDay(addDays(date, 1), TZ) };
  });
}

function minutes(m: Partial<Minutes>): Minutes {
  return { observed: 0, degraded: 0, partial: 0, major: 0, maintenance: 0, ...m };
}
