import { describe, expect, test } from 'vitest';
import {
  addDays,
  HOUR,
  isValidTimeZone,
  lastLocalDays,
  localDate,
  localMonth,
  startOfLocalDay,
  zonedInstant,
  zoneOffset,
} from '../../src/lib/time.ts';

const ROME = 'Europe/Rome';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const SANTIAGO = 'America/Santiago';

describe('localDate', () => {
  test.each<[string, string, string]>([
    ['2026-07-15T12:00:00Z', 'UTC', '2026-07-15'],
    ['2026-07-15T21:59:00Z', ROME, '2026-07-15'],
    ['2026-07-15T22:00:00Z', ROME, '2026-07-16'],
    ['2026-01-15T22:59:00Z', ROME, '2026-01-15'],
    ['2026-01-15T23:00:00Z', ROME, '2026-01-16'],
    ['2026-12-31T23:30:00Z', ROME, '2027-01-01'],
    ['2026-07-16T03:59:00Z', NEW_YORK, '2026-07-15'],
    ['2026-07-16T04:00:00Z', NEW_YORK, '2026-07-16'],
    ['2026-01-16T04:59:00Z', NEW_YORK, '2026-01-15'],
    ['2026-06-01T18:29:00Z', KOLKATA, '2026-06-01'],
    ['2026-06-01T18:30:00Z', KOLKATA, '2026-06-02'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(Date.parse(iso), zone)).toBe(expected);
  });

  test('localMonth is the month of the local date', () => {
    expect(localMonth(Date.parse('2026-09-30T22:30:00Z'), ROME)).toBe('2026-10');
    expect(localMonth(Date.parse('2026-09-30T22:30:00Z'), NEW_YORK)).toBe('2026-09');
  });
});

describe('zoneOffset', () => {
  test.each<[string, string, number]>([
    ['2026-01-15T12:00:00Z', ROME, 1],
    ['2026-07-15T12:00:00Z', ROME, 2],
    ['2026-01-15T12:00:00Z', NEW_YORK, -5],
    ['2026-07-15T12:00:00Z', NEW_YORK, -4],
    ['2026-01-15T12:00:00Z', KOLKATA, 5.5],
    ['2026-07-15T12:00:00Z', KOLKATA, 5.5],
  ])('%s in %s is %s hours from UTC', (iso, zone, hours) => {
    expect(zoneOffset(Date.parse(iso), zone)).toBe(hours * HOUR);
  });
});

describe('startOfLocalDay', () => {
  test.each<[string, string, string]>([
    ['2026-01-15', ROME, '2026-01-14T23:00:00.000Z'],
    ['2026-07-15', ROME, '2026-07-14T22:00:00.000Z'],
    ['2026-03-29', ROME, '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', ROME, '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', ROME, '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', ROME, '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', NEW_YORK, '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', NEW_YORK, '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', NEW_YORK, '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', NEW_YORK, '2026-11-02T05:00:00.000Z'],
    ['2026-06-02', KOLKATA, '2026-06-01T18:30:00.000Z'],
    ['2026-06-02', 'UTC', '2026-06-02T00:00:00.000Z'],
    // Chile moves its clocks at midnight: 6 September 2026 begins at 01:00 summer time.
    ['2026-09-06', SANTIAGO, '2026-09-06T04:00:00.000Z'],
    ['2026-09-07', SANTIAGO, '2026-09-07T03:00:00.000Z'],
  ])('%s in %s starts at %s', (date, zone, expected) => {
    expect(new Date(startOfLocalDay(date, zone)).toISOString()).toBe(expected);
  });

  test.each<[string, string]>([
    ['2026-03-29', ROME],
    ['2026-10-25', ROME],
    ['2026-03-08', NEW_YORK],
    ['2026-11-01', NEW_YORK],
    ['2026-09-06', SANTIAGO],
    ['2026-04-05', SANTIAGO],
  ])('the start of %s in %s lies on that local date', (date, zone) => {
    expect(localDate(startOfLocalDay(date, zone), zone)).toBe(date);
    expect(localDate(startOfLocalDay(date, zone) - 1, zone)).toBe(addDays(date, -1));
  });

  test.each<[string, string, number]>([
    ['2026-03-28', ROME, 24],
    ['2026-03-29', ROME, 23],
    ['2026-10-25', ROME, 25],
    ['2026-10-26', ROME, 24],
    ['2026-03-08', NEW_YORK, 23],
    ['2026-11-01', NEW_YORK, 25],
    ['2026-03-29', KOLKATA, 24],
    ['2026-10-25', KOLKATA, 24],
    ['2026-09-05', SANTIAGO, 24],
    ['2026-09-06', SANTIAGO, 23],
  ])('%s in %s is %i hours long', (date, zone, hours) => {
    expect(startOfLocalDay(addDays(date, 1), zone) - startOfLocalDay(date, zone)).toBe(
      hours * HOUR,
    );
  });
});

describe('zonedInstant', () => {
  test.each<[string, string, number, number, string]>([
    ['2026-07-15', ROME, 17, 40, '2026-07-15T15:40:00.000Z'],
    ['2026-01-15', ROME, 17, 40, '2026-01-15T16:40:00.000Z'],
    ['2026-07-15', NEW_YORK, 9, 5, '2026-07-15T13:05:00.000Z'],
    ['2026-07-15', KOLKATA, 9, 0, '2026-07-15T03:30:00.000Z'],
    ['2026-07-15', KOLKATA, 2, 15, '2026-07-14T20:45:00.000Z'],
    // The DST change days, around the change.
    ['2026-03-29', ROME, 1, 59, '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', ROME, 3, 0, '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', ROME, 12, 0, '2026-03-29T10:00:00.000Z'],
    ['2026-10-25', ROME, 1, 0, '2026-10-24T23:00:00.000Z'],
    ['2026-10-25', ROME, 12, 0, '2026-10-25T11:00:00.000Z'],
    ['2026-03-08', NEW_YORK, 1, 59, '2026-03-08T06:59:00.000Z'],
    ['2026-03-08', NEW_YORK, 3, 0, '2026-03-08T07:00:00.000Z'],
    ['2026-11-01', NEW_YORK, 12, 0, '2026-11-01T17:00:00.000Z'],
  ])('%s in %s at %i:%i is %s', (date, zone, hour, minute, expected) => {
    expect(new Date(zonedInstant(date, zone, hour, minute)).toISOString()).toBe(expected);
  });

  // 02:30 does not exist on spring-forward days: the later instant is 03:30 summer time.
  test.each<[string, string, string]>([
    ['2026-03-29', ROME, '2026-03-29T01:30:00.000Z'],
    ['2026-03-08', NEW_YORK, '2026-03-08T07:30:00.000Z'],
  ])('02:30 skipped by the DST gap on %s in %s is the later instant', (date, zone, expected) => {
    const instant = zonedInstant(date, zone, 2, 30);
    expect(new Date(instant).toISOString()).toBe(expected);
    expect(localDate(instant, zone)).toBe(date);
  });

  // 02:30 in Rome and 01:30 in New York happen twice on fall-back days: both answers are that time.
  test.each<[string, string, number, string[]]>([
    ['2026-10-25', ROME, 2, ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']],
    ['2026-11-01', NEW_YORK, 1, ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']],
  ])(
    '%s in %s: a repeated wall-clock time is one of its two instants',
    (date, zone, hour, allowed) => {
      expect(allowed).toContain(new Date(zonedInstant(date, zone, hour, 30)).toISOString());
    },
  );

  test('hour and minute default to midnight', () => {
    expect(zonedInstant('2026-10-25', ROME)).toBe(startOfLocalDay('2026-10-25', ROME));
  });
});

describe('addDays', () => {
  test.each<[string, number, string]>([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-10-04', 0, '2026-10-04'],
    ['2026-10-04', -89, '2026-07-07'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('lastLocalDays', () => {
  test('three days over the spring-forward day in Rome', () => {
    expect(view(lastLocalDays(Date.parse('2026-03-30T10:00:00Z'), 3, ROME))).toEqual([
      ['2026-03-28', '2026-03-27T23:00:00.000Z', 24],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', 23],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', 24],
    ]);
  });

  test('three days over the fall-back day in Rome', () => {
    expect(view(lastLocalDays(Date.parse('2026-10-26T08:00:00Z'), 3, ROME))).toEqual([
      ['2026-10-24', '2026-10-23T22:00:00.000Z', 24],
      ['2026-10-25', '2026-10-24T22:00:00.000Z', 25],
      ['2026-10-26', '2026-10-25T23:00:00.000Z', 24],
    ]);
  });

  test('today is the local day of now, not the UTC day', () => {
    // 23:30 UTC on 4 October is already 5 October in Rome, still 4 October in New York.
    const now = Date.parse('2026-10-04T23:30:00Z');
    expect(lastLocalDays(now, 1, ROME).map((d) => d.date)).toEqual(['2026-10-05']);
    expect(lastLocalDays(now, 1, NEW_YORK).map((d) => d.date)).toEqual(['2026-10-04']);
    expect(view(lastLocalDays(now, 2, KOLKATA))).toEqual([
      ['2026-10-04', '2026-10-03T18:30:00.000Z', 24],
      ['2026-10-05', '2026-10-04T18:30:00.000Z', 24],
    ]);
  });

  test('the days are contiguous, oldest first, and the last contains now', () => {
    const now = Date.parse('2026-11-15T12:00:00Z');
    const days = lastLocalDays(now, 90, NEW_YORK);
    expect(days).toHaveLength(90);
    expect(days[0]?.date).toBe('2026-08-18');
    expect(days.at(-1)?.date).toBe('2026-11-15');
    for (let i = 1; i < days.length; i++) expect(days[i]?.start).toBe(days[i - 1]?.end);
    const last = days.at(-1)!;
    expect(last.start <= now && now < last.end).toBe(true);
    const hours = days.map((d) => (d.end - d.start) / HOUR);
    expect(hours.filter((h) => h === 25)).toHaveLength(1);
    expect(hours.filter((h) => h !== 24 && h !== 25)).toEqual([]);
  });
});

describe('isValidTimeZone', () => {
  test.each<[string, boolean]>([
    [ROME, true],
    [KOLKATA, true],
    ['UTC', true],
    ['Europe/Atlantis', false],
    ['', false],
  ])('%s → %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

/** `[date, start, hours]` of each day, for readable comparisons. */
function view(days: { date: string; start: number; end: number }[]): [string, string, number][] {
  return days.map((d) => [d.date, new Date(d.start).toISOString(), (d.end - d.start) / HOUR]);
}
