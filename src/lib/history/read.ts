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

/** Reads every samples file in `dir` and rollups file in `dir/daily`. A missing folder is an empty history. */
export function readHistory(options: ReadHistoryOptions): History {
  const history: History = { components: new Map(), warnings: [], sampleCount: 0 };
  const perComponent = new Map<string, Sample[]>();
  const read = reader(options.root ?? dirname(options.dir), history.warnings);
  for (const name of listTsv(options.dir)) {
    const date = SAMPLES_FILE.exec(name)?.[1];
    if (!date) continue;
    const text = read(join(options.dir, name), `history/${name}`);
    if (text === undefined) continue;
    const { samples, problems } = parseSamples(text, date);
    for (const p of problems) history.warnings.push({ file: `history/${name}`, ...p });
    for (const s of samples) {
      let list = perComponent.get(s.component);
      if (!list) perComponent.set(s.component, (list = []));
      list.push(s);
    }
    history.sampleCount += samples.length;
  }
  const interval = options.intervalMinutes * MINUTE;
  for (const [id, samples] of perComponent) {
    samples.sort((a, b) => a.at - b.at);
    const entry = ensure(history, id);
    entry.segments = toSegments(samples, interval);
    entry.hourlyMs = hourlyMeans(samples);
    entry.last = samples.at(-1);
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
  const out: Segment[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const next = samples[i + 1]?.at ?? Infinity;
    if (next === s.at) continue; // a duplicate minute: the later line wins
    const end = Math.min(s.at + interval, next);
    const prev = out.at(-1);
    if (prev && prev.status === s.status && prev.end === s.at) prev.end = end;
    else out.push({ start: s.at, end, status: s.status });
  }
  return out;
}

function hourlyMeans(samples: readonly Sample[]): [number, number][] {
  const sums = new Map<number, [number, number]>();
  for (const s of samples) {
    if (s.ms === null) continue;
    const hour = Math.floor(s.at / HOUR) * HOUR;
    const acc = sums.get(hour) ?? [0, 0];
    acc[0] += s.ms;
    acc[1] += 1;
    sums.set(hour, acc);
  }
  return [...sums].sort((a, b) => a[0] - b[0]).map(([h, [sum, n]]) => [h, sum / n]);
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
