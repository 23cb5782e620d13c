/**
 * Calendar arithmetic in the site's IANA time zone, with Intl only (no library): local dates of
 * instants, the instants at which local days start (DST-aware), and ranges of local days.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out['year'] ?? 0,
    month: out['month'] ?? 1,
    day: out['day'] ?? 1,
    hour: out['hour'] ?? 0,
    minute: out['minute'] ?? 0,
    second: out['second'] ?? 0,
  };
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    // RangeError is the runtime's way of saying "unknown zone": that is the answer, not a fault.
    return false;
  }
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The local date of an instant in a zone. */
export function localDate(instant: number, timeZone: string): LocalDate {
  const w = wallClock(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** The instant at which a local wall-clock time occurs (the later one when a DST gap skips it). */
export function zonedInstant(date: LocalDate, timeZone: string, hour = 0, minute = 0): number {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  // Two passes settle the offset on both sides of a DST change.
  let instant = guess - zoneOffset(guess, timeZone);
  instant = guess - zoneOffset(instant, timeZone);
  // In a DST gap the offset in force differs from the one used: the later instant of the two
  // takes the smaller offset (the passes alone give the earlier one in zones west of UTC).
  const used = guess - instant;
  const actual = zoneOffset(instant, timeZone);
  return actual === used ? instant : guess - Math.min(used, actual);
}

/** The instant at which a local day starts. */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  return zonedInstant(date, timeZone, 0, 0);
}

/** The calendar date `days` after `date` (negative goes back). Pure calendar arithmetic. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A local day as a half-open interval of instants; 23 or 25 hours long on DST change days. */
export interface DaySpan {
  date: LocalDate;
  start: number;
  end: number;
}

/** The `count` local days ending with the day that contains `now`, oldest first. */
export function lastLocalDays(now: number, count: number, timeZone: string): DaySpan[] {
  const today = localDate(now, timeZone);
  const days: DaySpan[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    days.push({
      date,
      start: startOfLocalDay(date, timeZone),
      end: startOfLocalDay(addDays(date, 1), timeZone),
    });
  }
  return days;
}

/** The local month (`YYYY-MM`) of an instant. */
export function localMonth(instant: number, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
