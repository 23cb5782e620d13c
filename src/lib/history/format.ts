/**
 * The history format, written only by the prober and read by the site. Text, tab-separated,
 * append-only, one small line per fact so that years of 5-minute checks stay small in git and two
 * runs' appends merge line by line (README, "History format").
 *
 *   content/history/samples/YYYY-MM-DD.tsv   one file per UTC day, one line per component per run
 *     HH:MM <TAB> component <TAB> up|degraded|partial|down <TAB> total-ms|- [<TAB> reason]
 *   content/history/daily/YYYY.tsv           one file per year, one line per component per local day
 *     YYYY-MM-DD <TAB> component <TAB> observed <TAB> degraded <TAB> partial <TAB> major <TAB> avg-ms|-
 *     (minutes, from the probe only; written when the day is over, kept after samples are pruned)
 */
import type { HealthStatus } from '../status.ts';

/** Short words for statuses in sample lines. */
export const SAMPLE_CODES = {
  operational: 'up',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'down',
} as const satisfies Record<HealthStatus, string>;

const FROM_CODE = new Map<string, HealthStatus>(
  Object.entries(SAMPLE_CODES).map(([status, code]) => [code, status as HealthStatus]),
);

/** One probe result for one component. */
export interface Sample {
  /** Epoch milliseconds, minute precision. */
  at: number;
  component: string;
  status: HealthStatus;
  /** Total response time in milliseconds, if the check measured one. */
  ms: number | null;
  reason?: string | undefined;
}

/** Probe minutes of one component on one local day. */
export interface RollupLine {
  date: string;
  component: string;
  observed: number;
  degraded: number;
  partial: number;
  major: number;
  avgMs: number | null;
}

/** The samples file holding an instant: `samples/YYYY-MM-DD.tsv` by UTC date. */
export function samplesFileName(at: number): string {
  return `${new Date(at).toISOString().slice(0, 10)}.tsv`;
}

/** The rollups file holding a local date: `daily/YYYY.tsv`. */
export function rollupsFileName(date: string): string {
  return `${date.slice(0, 4)}.tsv`;
}

/** Serializes a sample as one line (with its newline). Tabs and newlines in reasons are folded. */
export function formatSample(s: Sample): string {
  const time = new Date(s.at).toISOString().slice(11, 16);
  const ms = s.ms === null ? '-' : String(Math.round(s.ms));
  const reason = s.reason ? `\t${clean(s.reason)}` : '';
  return `${time}\t${s.component}\t${SAMPLE_CODES[s.status]}\t${ms}${reason}\n`;
}

/** Serializes a rollup as one line (with its newline). */
export function formatRollup(r: RollupLine): string {
  const n = (x: number): string => String(Math.round(x));
  const avg = r.avgMs === null ? '-' : n(r.avgMs);
  return `${r.date}\t${r.component}\t${n(r.observed)}\t${n(r.degraded)}\t${n(r.partial)}\t${n(r.major)}\t${avg}\n`;
}

/** Parses one sample line of the file for `date` (`YYYY-MM-DD`); a string is the reason it is bad. */
export function parseSample(line: string, date: string): Sample | string {
  const f = line.split('\t');
  if (f.length < 4) return `expected at least 4 tab-separated fields, found ${f.length}`;
  const [time, component, code, ms, reason] = f as [string, string, string, string, string?];
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) return `time "${time}" is not HH:MM`;
  const status = FROM_CODE.get(code);
  if (!status) return `status "${code}" is not one of up, degraded, partial, down`;
  if (ms !== '-' && !/^\d+$/.test(ms)) return `response time "${ms}" is not a whole number or "-"`;
  if (!component) return 'empty component id';
  const at = Date.parse(`${date}T${m[1]}:${m[2]}:00Z`);
  return { at, component, status, ms: ms === '-' ? null : Number(ms), reason: reason || undefined };
}

/** Parses one rollup line; a string is the reason it is bad. */
export function parseRollup(line: string): RollupLine | string {
  const f = line.split('\t');
  if (f.length !== 7) return `expected 7 tab-separated fields, found ${f.length}`;
  const [date, component, ...numbers] = f as [string, string, ...string[]];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `date "${date}" is not YYYY-MM-DD`;
  const [observed, degraded, partial, major] = numbers.slice(0, 4).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (![observed, degraded, partial, major].every((x) => Number.isFinite(x) && x >= 0)) {
    return 'minutes must be non-negative numbers';
  }
  const avg = numbers[4];
  const avgMs = avg === '-' ? null : Number(avg);
  if (avgMs !== null && !Number.isFinite(avgMs)) return `average "${avg}" is not a number or "-"`;
  return { date, component, observed, degraded, partial, major, avgMs };
}

function clean(reason: string): string {
  return reason
    .replace(/[\t\r\n]+/g, ' ')
    .trim()
    .slice(0, 200);
}
