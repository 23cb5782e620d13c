/**
 * Times typed by editors: ISO 8601 with a zone as the content files want them, and, for speed,
 * `now` and offsets from now such as `-30m`, `-2h` or `+1d`, written in the site's time zone.
 */
import { timestampSchema } from '../content/timestamp.ts';
import { DAY, HOUR, MINUTE, zoneOffset } from '../time.ts';
import { UsageError } from './errors.ts';

/** A time as written to a content file, and the instant it stands for. */
export interface EditorTime {
  iso: string;
  epoch: number;
}

/** What `--at` and the like accept, for error messages and help. */
export const TIME_FORMAT =
  'an ISO 8601 time with a zone (2026-11-21T10:05:00+01:00 or 2026-11-21T09:05:00Z), `now`, or an offset from now such as -30m, -2h, +1d';

const UNITS: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY };
const RELATIVE = /^([+-])(\d{1,5})([mhd])$/;

/**
 * Parses a time flag. ISO input is kept as typed (it is what the editor meant); `now` and offsets
 * are written in the site's zone, to the second.
 */
export function parseTime(raw: string, flag: string, now: number, timeZone: string): EditorTime {
  const text = raw.trim();
  if (text === 'now') return zoned(now, timeZone);
  const rel = RELATIVE.exec(text);
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    return zoned(now + sign * Number(rel[2]) * UNITS[rel[3]!]!, timeZone);
  }
  if (timestampSchema.safeParse(text).success) {
    const epoch = Date.parse(text);
    if (Number.isFinite(epoch)) return { iso: text, epoch };
  }
  throw new UsageError(`--${flag} "${raw}" is not a time: use ${TIME_FORMAT}`);
}

/** An instant as ISO 8601 in a zone, to the second: `2026-11-21T10:05:00+01:00`. */
export function formatZoned(instant: number, timeZone: string): string {
  const t = Math.floor(instant / 1000) * 1000;
  const offset = zoneOffset(t, timeZone);
  const wall = new Date(t + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const abs = Math.abs(offset) / MINUTE;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** `2026-11-21 10:05` in a zone, for listings. */
export function formatShort(instant: number, timeZone: string): string {
  return formatZoned(instant, timeZone).slice(0, 16).replace('T', ' ');
}

function zoned(epoch: number, timeZone: string): EditorTime {
  const iso = formatZoned(epoch, timeZone);
  return { iso, epoch: Date.parse(iso) };
}
