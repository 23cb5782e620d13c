import { describe, expect, test } from 'vitest';
import {
  NO_MINUTES,
  PARTIAL_OUTAGE_WEIGHT,
  sumMinutes,
  uptime,
  uptimePercent,
  type Minutes,
} from '../../src/lib/uptime.ts';

describe('uptime formula', () => {
  test('partial-outage minutes weigh 0.3', () => {
    expect(PARTIAL_OUTAGE_WEIGHT).toBe(0.3);
  });

  test.each<[string, Partial<Minutes>, boolean, number | null]>([
    ['all up', { observed: 1440 }, false, 1],
    ['one hour down of a day', { observed: 1440, major: 60 }, false, 1 - 60 / 1440],
    ['partial weighted 0.3', { observed: 1000, partial: 100 }, false, 0.97],
    ['major and partial together', { observed: 1000, major: 10, partial: 100 }, false, 0.96],
    ['degraded counts as up', { observed: 1440, degraded: 1440 }, false, 1],
    ['all down', { observed: 60, major: 60 }, false, 0],
    ['maintenance left out', { observed: 900, major: 90, maintenance: 100 }, false, 0.9],
    ['maintenance counted as up', { observed: 900, major: 100, maintenance: 100 }, true, 0.9],
    ['no observed minutes → no data', {}, false, null],
    ['only maintenance → no data', { maintenance: 120 }, false, null],
    ['only maintenance, counted → all up', { maintenance: 120 }, true, 1],
  ])('%s', (_, m, countMaintenance, expected) => {
    const result = uptime(minutes(m), { countMaintenance });
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 12);
  });

  test('countMaintenance defaults to false', () => {
    expect(uptime(minutes({ observed: 100, major: 10, maintenance: 100 }))).toBeCloseTo(0.9, 12);
  });

  test('never outside 0…1 even with inconsistent minutes', () => {
    expect(uptime(minutes({ observed: 10, major: 20 }))).toBe(0);
  });
});

describe('uptimePercent', () => {
  test.each<[number | null, string | null]>([
    [null, null],
    [1, '100.00'],
    [0, '0.00'],
    [0.99999, '99.99'],
    [0.999999, '99.99'],
    [0.9995, '99.95'],
    [0.99949, '99.94'],
    [0.5, '50.00'],
    [0.123456, '12.34'],
    // One minute down in 90 days is still downtime.
    [1 - 1 / (90 * 1440), '99.99'],
  ])('%s → %s', (fraction, expected) => {
    expect(uptimePercent(fraction)).toBe(expected);
  });

  test.each<[string, string, Partial<Minutes>]>([
    // 1 − 31/100 is 0.69 to the eye but 0.6899999… in binary.
    ['31 of 100 minutes down', '69.00', { observed: 100, major: 31 }],
    ['56 of 100 minutes down', '44.00', { observed: 100, major: 56 }],
    ['610 of 1000 minutes partial', '81.70', { observed: 1000, partial: 610 }],
    ['one minute down in a day', '99.93', { observed: 1440, major: 1 }],
    ['one minute down in 90 days', '99.99', { observed: 90 * 1440, major: 1 }],
    ['one minute partial in 30 days', '99.99', { observed: 30 * 1440, partial: 1 }],
  ])('the formula and the format together: %s → %s', (_, expected, m) => {
    expect(uptimePercent(uptime(minutes(m)))).toBe(expected);
  });

  test('any downtime never shows as 100.00', () => {
    for (const down of [1e-9, 1e-7, 1e-5]) expect(uptimePercent(1 - down)).not.toBe('100.00');
  });
});

describe('sumMinutes', () => {
  test('adds every field', () => {
    expect(
      sumMinutes([
        minutes({ observed: 1440, degraded: 10, partial: 20, major: 30, maintenance: 0 }),
        minutes({ observed: 1380, degraded: 1, partial: 2, major: 3, maintenance: 60 }),
        minutes({ observed: 0.5, maintenance: 0.25 }),
      ]),
    ).toEqual({ observed: 2820.5, degraded: 11, partial: 22, major: 33, maintenance: 60.25 });
  });

  test('of nothing is zero and does not alter NO_MINUTES', () => {
    const total = sumMinutes([]);
    expect(total).toEqual({ observed: 0, degraded: 0, partial: 0, major: 0, maintenance: 0 });
    total.observed = 5;
    expect(NO_MINUTES.observed).toBe(0);
  });
});

function minutes(m: Partial<Minutes>): Minutes {
  return { ...NO_MINUTES, ...m };
}
