/**
 * Reads `content/history/` into compact per-component timelines: probe segments, hourly response
 * times, rollups of pruned days and the latest results, with the confirmed status the prober
 * recorded in `state.json`. A malformed line is skipped and reported with its file and line, never
 * a crash.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTENT_LIMITS, ContentFileError, readContentTextIfExists } from '../fs/content-file.ts';
import type { HealthStatus } from '../status.ts';
import { HOUR, MINUTE } from '../time.ts';
import type { Rollup, Segment } from '../timeline.ts';
import { parseRollup, parseSamples, SAMPLES_FILE, type Sample } from './format.ts';
import { parseState, STATE_FILE } from './state.ts';

/** What the history says of one component. */
export interface ComponentHistory {
  /** Probe status over time, sorted, not overlapping. */
  segments: Segment[];
  /** Mean response time per UTC hour: `[hourStart, meanMs]`, sorted. */
  hourlyMs: [number, number][];
  /** Probe rollups of local days, by date. */
  rollups: Map<string, Rollup & { avgMs: number | null }>;
  /**
   * The confirmed status as the prober decided it (`state.json`), and since when; the samples
   * are never folded into a second decision.
   */
  confirmed?: { status: HealthStatus; since: number } | undefined;
  /** The latest sample. */
  last?: Sample | undefined;
}

/** A line that could not be read. */
export interface HistoryWarning {
  file: string;
  line: number;
  message: string;
}

export interface History {
  components: Map<string, ComponentHistory>;
  /** Time of the newest sample of any component. */
  lastChecked?: number | undefined;
  warnings: HistoryWarning[];
  /** Samples read. */
  sampleCount: number;
}

/** Options of the history reader. */
export interface ReadHistoryOptions {
  /** The history folder, `content/history`. */
  dir: string;
  /** The content folder, which no history file may lead out of; the folder above `dir` if omitted. */
  root?: string;
  /** Minutes one sample stands for (the probe interval). */
  intervalMinutes: number;
}

/**
 * Reads every samples file in `dir` and rollups file in `dir/daily`. A missing folder is an empty
 * history. Samples are folded into segments and hourly means one day's file at a time, so that a
 * year of 5-minute samples (a million on a large site) is never held at once.
 */
export function readHistory(options: ReadHistoryOptions): History {
  const history: History = { components: new Map(), warnings: [], sampleCount: 0 };
  const interval = options.intervalMinutes * MINUTE;
  const folds = new Map<string, SampleFold>();
  const read = reader(options.root ?? dirname(options.dir), history.warnings);
  // File names are UTC dates, so in name order the files follow each other in time, and each one
  // holds its own day's samples only.
  for (const name of listTsv(options.dir)) {
    const date = SAMPLES_FILE.exec(name)?.[1];
    if (!date) continue;
    const text = read(join(options.dir, name), `history/${name}`);
    if (text === undefined) continue;
    const { samples, problems } = parseSamples(text, date);
    for (const p of problems) history.warnings.push({ file: `history/${name}`, ...p });
    // A stable sort: of two lines for one minute, the later stays later, and wins.
    samples.sort((a, b) => a.at - b.at);
    for (const sample of samples) {
      let fold = folds.get(sample.component);
      if (!fold) folds.set(sample.component, (fold = new SampleFold(interval)));
      fold.add(sample);
    }
    history.sampleCount += samples.length;
  }
  for (const [id, fold] of folds) {
    const entry = ensure(history, id);
    entry.segments = fold.segments();
    entry.hourlyMs = fold.hourlyMeans();
    entry.last = fold.last;
    if (entry.last && (history.lastChecked ?? 0) < entry.last.at)
      history.lastChecked = entry.last.at;
  }
  const stateText = read(join(options.dir, STATE_FILE), `history/${STATE_FILE}`) ?? '';
  const { state, problem } = parseState(stateText);
  if (problem) {
    history.warnings.push({
      file: `history/${STATE_FILE}`,
      line: 1,
      message: `${problem}; no confirmed status is shown until the next probe run`,
    });
  }
  for (const [id, decision] of Object.entries(state.components)) {
    ensure(history, id).confirmed = {
      status: decision.confirmed,
      since: Date.parse(decision.since),
    };
  }
  const dailyDir = join(options.dir, 'daily');
  for (const name of listTsv(dailyDir)) {
    const shown = `history/daily/${name}`;
    const text = read(join(dailyDir, name), shown);
    if (text === undefined) continue;
    eachLine(text, shown, history.warnings, (line) => {
      const r = parseRollup(line);
      if (typeof r === 'string') return r;
      ensure(history, r.component).rollups.set(r.date, r);
      return undefined;
    });
  }
  return history;
}

/** Turns samples into segments: each stands for one interval, or until the next sample. */
export function toSegments(samples: readonly Sample[], interval: number): Segment[] {
  const fold = new SampleFold(interval);
  for (const s of samples) fold.add(s);
  return fold.segments();
}

/**
 * One component's samples, given in time order, folded as they come: its segments (a sample
 * stands for one interval, or until the next sample; of two for the same minute the later wins),
 * its response times summed per UTC hour, and its latest sample.
 */
class SampleFold {
  readonly #interval: number;
  readonly #out: Segment[] = [];
  readonly #hours = new Map<number, [sum: number, count: number]>();
  /** The sample whose end is known only when the next one comes. */
  #pending: Sample | undefined;
  last: Sample | undefined;

  constructor(interval: number) {
    this.#interval = interval;
  }

  add(s: Sample): void {
    if (s.ms !== null) {
      const hour = Math.floor(s.at / HOUR) * HOUR;
      const acc = this.#hours.get(hour);
      if (acc) {
        acc[0] += s.ms;
        acc[1] += 1;
      } else this.#hours.set(hour, [s.ms, 1]);
    }
    // A duplicate minute: the later line wins.
    if (this.#pending && this.#pending.at !== s.at) this.#close(this.#pending, s.at);
    this.#pending = s;
    this.last = s;
  }

  segments(): Segment[] {
    if (this.#pending) this.#close(this.#pending, Infinity);
    this.#pending = undefined;
    return this.#out;
  }

  /** Mean response time per UTC hour: `[hourStart, meanMs]`, sorted. */
  hourlyMeans(): [number, number][] {
    return [...this.#hours]
      .sort((a, b) => a[0] - b[0])
      .map(([h, [sum, n]]): [number, number] => [h, sum / n]);
  }

  #close(s: Sample, next: number): void {
    const end = Math.min(s.at + this.#interval, next);
    const prev = this.#out.at(-1);
    if (prev && prev.status === s.status && prev.end === s.at) prev.end = end;
    else this.#out.push({ start: s.at, end, status: s.status });
  }
}

function ensure(history: History, id: string): ComponentHistory {
  let entry = history.components.get(id);
  if (!entry) {
    entry = { segments: [], hourlyMs: [], rollups: new Map() };
    history.components.set(id, entry);
  }
  return entry;
}

function listTsv(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.tsv'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot list history folder ${dir}`, { cause: error });
  }
}

/**
 * Reads one history file; undefined when there is none. A file refused (a link out of the content
 * folder, a folder, a file too large) is a warning and is skipped, like a line that cannot be read.
 */
function reader(
  root: string,
  warnings: HistoryWarning[],
): (path: string, shown: string) => string | undefined {
  return (path, shown) => {
    try {
      return readContentTextIfExists(path, { within: root, limit: CONTENT_LIMITS.history });
    } catch (error) {
      if (!(error instanceof ContentFileError)) throw error;
      warnings.push({ file: shown, line: 1, message: `${error.reason}; skipped` });
      return undefined;
    }
  };
}

function eachLine(
  text: string,
  shown: string,
  warnings: HistoryWarning[],
  handle: (line: string) => string | undefined,
): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) continue;
    const problem = handle(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (problem) warnings.push({ file: shown, line: i + 1, message: problem });
  }
}
