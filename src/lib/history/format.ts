/**
 * The history format, written only by the prober and read by the site. Text, tab-separated,
 * append-only: one line per probe run, so that years of 5-minute runs stay small in git (each run
 * adds one short line and one commit) and two runs' appends merge line by line (docs/content.md, "History").
 *
 *   content/history/YYYY-MM-DD.tsv   one file per UTC day: a header, then one line per run
 *     time <TAB> component-id <TAB> component-id ...           the header: which column is which
 *     HH:MM <TAB> cell <TAB> cell ...                           a run: one cell per column
 *   A cell is `[status ]ms|-[ reason]`: the status word (degraded, partial, down) is left out for
 *   up; an empty cell is a component that run did not probe. Columns only grow within a file: a
 *   component added during the day gets a new header line that repeats the old columns first, so
 *   every line reads the same under any later header.
 *
 *   content/history/daily/YYYY.tsv   one file per year, one line per component per local day
 *     YYYY-MM-DD <TAB> component <TAB> observed <TAB> degraded <TAB> partial <TAB> major <TAB> avg-ms|-
 *     (minutes, from the probe only; written when the day is over, kept after samples are pruned)
 */
import { HEALTH_STATUSES, type HealthStatus } from '../status.ts';

/** Short words for statuses in sample cells (`up` is the default and left out when writing). */
export const SAMPLE_CODES = {
  operational: 'up',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'down',
} as const satisfies Record<HealthStatus, string>;

const FROM_CODE = new Map<string, HealthStatus>(
  HEALTH_STATUSES.map((status) => [SAMPLE_CODES[status], status]),
);

/** What one run saw of one component. */
export interface RunSample {
  component: string;
  status: HealthStatus;
  /** Total response time in milliseconds, if the check measured one. */
  ms: number | null;
  reason?: string | undefined;
}

/** One probe result for one component. */
export interface Sample extends RunSample {
  /** Epoch milliseconds, minute precision. */
  at: number;
}

/** A line of a history file that could not be read. */
export interface LineProblem {
  line: number;
  message: string;
}

/** Samples files' names within `content/history/`: the UTC date. */
export const SAMPLES_FILE = /^(\d{4}-\d{2}-\d{2})\.tsv$/;

/** The first word of a header line. */
const HEADER = 'time';

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

/** The samples file holding an instant: `YYYY-MM-DD.tsv` by UTC date, in `content/history/`. */
export function samplesFileName(at: number): string {
  return `${new Date(at).toISOString().slice(0, 10)}.tsv`;
}

/** The rollups file holding a local date: `daily/YYYY.tsv`. */
export function rollupsFileName(date: string): string {
  return `${date.slice(0, 4)}.tsv`;
}

/** The columns in force at the end of a samples file's text: its last header's. */
export function columnsAtEnd(text: string): string[] {
  const last = text.lastIndexOf(`\n${HEADER}\t`);
  const start = last !== -1 ? last + 1 : text.startsWith(`${HEADER}\t`) ? 0 : -1;
  if (start === -1) return [];
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  return line.split('\t').slice(1);
}

/**
 * One run as text for a samples file whose columns are `columns`: a header line first when the run
 * has a component the columns lack (the new ones go at the end), then the run's line. Returns the
 * text and the columns after it.
 */
export function formatRun(
  columns: readonly string[],
  at: number,
  samples: readonly RunSample[],
): { text: string; columns: string[] } {
  const known = new Set(columns);
  const added: string[] = [];
  for (const { component } of samples) {
    if (known.has(component)) continue;
    known.add(component);
    added.push(component);
  }
  const next = [...columns, ...added];
  const header = added.length ? `${HEADER}\t${next.join('\t')}\n` : '';
  const cells = new Map(samples.map((s) => [s.component, formatCell(s)]));
  const line = [new Date(at).toISOString().slice(11, 16), ...next.map((c) => cells.get(c) ?? '')]
    .join('\t')
    .replace(/\t+$/, '');
  return { text: `${header}${line}\n`, columns: next };
}

/** Whole samples files for samples of any instants and components: file name → text. */
export function formatSamplesFiles(samples: readonly Sample[]): Map<string, string> {
  const runs = new Map<number, Sample[]>();
  for (const s of samples) (runs.get(s.at) ?? runs.set(s.at, []).get(s.at)!).push(s);
  const files = new Map<string, { text: string; columns: string[] }>();
  for (const at of [...runs.keys()].sort((a, b) => a - b)) {
    const name = samplesFileName(at);
    const file = files.get(name) ?? { text: '', columns: [] };
    const run = formatRun(file.columns, at, runs.get(at)!);
    files.set(name, { text: file.text + run.text, columns: run.columns });
  }
  return new Map([...files].map(([name, file]) => [name, file.text]));
}

/** Reads the text of the samples file of `date` (`YYYY-MM-DD`); bad lines and cells are problems. */
export function parseSamples(
  text: string,
  date: string,
): { samples: Sample[]; problems: LineProblem[] } {
  const samples: Sample[] = [];
  const problems: LineProblem[] = [];
  let columns: string[] | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) continue;
    const problem = (message: string): number => problems.push({ line: i + 1, message });
    const [first = '', ...cells] = line.split('\t');
    if (first === HEADER) {
      const bad = cells.find((c, k) => c === '' || cells.indexOf(c) !== k);
      if (bad !== undefined) problem(bad ? `column "${bad}" appears twice` : 'empty column name');
      else columns = cells;
      continue;
    }
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(first);
    if (!m) {
      problem(`time "${first}" is not HH:MM`);
      continue;
    }
    if (!columns) {
      problem('a run before the header line ("time" and the component ids)');
      continue;
    }
    if (cells.length > columns.length) {
      problem(`${cells.length} cells for ${columns.length} columns: the extra ones are skipped`);
    }
    const at = Date.parse(`${date}T${m[1]}:${m[2]}:00Z`);
    columns.forEach((component, k) => {
      const cell = cells[k];
      if (!cell) return;
      const parsed = parseCell(cell);
      if (typeof parsed === 'string') problem(`${component}: ${parsed}`);
      else samples.push({ at, component, ...parsed });
    });
  }
  return { samples, problems };
}

function formatCell(s: RunSample): string {
  const status = s.status === 'operational' ? '' : `${SAMPLE_CODES[s.status]} `;
  const ms = s.ms === null ? '-' : String(Math.round(s.ms));
  const reason = s.reason ? clean(s.reason) : '';
  return `${status}${ms}${reason ? ` ${reason}` : ''}`;
}

function parseCell(cell: string): Omit<RunSample, 'component'> | string {
  const words = cell.split(' ');
  const code = FROM_CODE.has(words[0]!) ? words.shift()! : 'up';
  const ms = words.shift() ?? '';
  if (ms !== '-' && !/^\d+$/.test(ms)) {
    return `"${cell}" is not [status] response-time|- [reason]`;
  }
  const reason = words.join(' ');
  return {
    status: FROM_CODE.get(code)!,
    ms: ms === '-' ? null : Number(ms),
    reason: reason || undefined,
  };
}

/** Serializes a rollup as one line (with its newline). */
export function formatRollup(r: RollupLine): string {
  const n = (x: number): string => String(Math.round(x));
  const avg = r.avgMs === null ? '-' : n(r.avgMs);
  return `${r.date}\t${r.component}\t${n(r.observed)}\t${n(r.degraded)}\t${n(r.partial)}\t${n(r.major)}\t${avg}\n`;
}

/** Parses one rollup line; a string is the reason it is bad. */
export function parseRollup(line: string): RollupLine | string {
  const f = line.split('\t');
  if (f.length !== 7) return `expected 7 tab-separated fields, found ${f.length}`;
  const [date = '', component = '', ...numbers] = f;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `date "${date}" is not YYYY-MM-DD`;
  const [observed = NaN, degraded = NaN, partial = NaN, major = NaN] = numbers
    .slice(0, 4)
    .map(Number);
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
