/**
 * Records one run (or several shards' runs, merged) in `content/`: appends samples, advances the
 * confirmation state, opens and resolves automatic incidents, writes the rollups of days that are
 * over, and prunes samples past their retention. Every write is atomic and skipped when unchanged;
 * a typical run touches one file. Every file is read through the content reader
 * (`fs/content-file.ts`): a samples or rollups file it refuses (a link out of the content folder,
 * a folder, a file far too large) stops the run, naming it, rather than being appended to or
 * rolled up without; a refused state file is a warning, as a corrupt one is, and is written anew.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { componentIds, type Config } from '../config/schema.ts';
import { removeStaleTemps, writeFileAtomic } from '../fs/atomic.ts';
import {
  CONTENT_LIMITS,
  ContentFileError,
  readContentTextIfExists,
  type ContentFileOptions,
} from '../fs/content-file.ts';
import { writePoint } from '../fs/write-points.ts';
import {
  columnsAtEnd,
  formatRollup,
  formatRun,
  parseRollup,
  parseSamples,
  rollupsFileName,
  SAMPLES_FILE,
  samplesFileName,
  type Sample,
} from '../history/format.ts';
import { rollupDay } from '../history/rollup.ts';
import { addDays, DAY, localDate, MINUTE, startOfLocalDay } from '../time.ts';
import { applyAutoIncidents, type AutoIncidentAction } from './auto-incidents.ts';
import type { ComponentResult } from '../measure/run.ts';
import {
  advance,
  confirmPolicy,
  emptyState,
  formatState,
  parseState,
  STATE_FILE,
  type ProbeState,
  type StatusChange,
} from '../history/state.ts';
import {
  openProberIncidents,
  readProberIncidents,
  reconcileState,
  type OpenProberIncident,
} from './reconcile.ts';

export interface RecordInput {
  contentDir: string;
  config: Config;
  results: readonly ComponentResult[];
  /** The clock: decides which days are over and what is past retention. */
  now: number;
  dryRun?: boolean;
}

export interface RecordOutcome {
  /** Files written (relative to the content folder). */
  written: string[];
  changes: StatusChange[];
  incidents: AutoIncidentAction[];
  rollupDays: string[];
  pruned: string[];
  /** Problems that did not stop the run (a corrupt state file, skipped lines). */
  warnings: string[];
}

/**
 * Records results; throws only when the history cannot be written. Long because it is the run's
 * four steps in order (numbered below), which share the reader, the writer and the outcome.
 */
export function recordRun(input: RecordInput): RecordOutcome {
  const { contentDir, config } = input;
  const history = join(contentDir, 'history');
  const dailyDir = join(history, 'daily');
  const outcome: RecordOutcome = {
    written: [],
    changes: [],
    incidents: [],
    rollupDays: [],
    pruned: [],
    warnings: [],
  };
  const reading: ContentFileOptions = { within: contentDir, limit: CONTENT_LIMITS.history };
  const read = (path: string): string => readContentTextIfExists(path, reading) ?? '';
  const write = (relative: string, text: string): void => {
    if (input.dryRun) return;
    if (writeFileAtomic(join(contentDir, relative), text)) outcome.written.push(relative);
  };
  if (!input.dryRun)
    for (const dir of [dailyDir, history, join(contentDir, 'incidents')]) removeStaleTemps(dir);

  // 1. Samples: one line for the run, at the minute it started, in the file of that UTC day.
  if (input.results.length) {
    const started = input.results.reduce((min, r) => Math.min(min, r.at), Infinity);
    const at = Math.floor(started / MINUTE) * MINUTE;
    // New columns in the order of the configuration, as the page lists the components.
    const order = new Map(config.components.map((c, i) => [c.id, i]));
    const rank = (id: string): number => order.get(id) ?? order.size;
    const samples = [...input.results].sort((a, b) => rank(a.component) - rank(b.component));
    const name = samplesFileName(at);
    const text = read(join(history, name));
    write(`history/${name}`, text + formatRun(columnsAtEnd(text), at, samples).text);
  }

  // 2. Confirmation state and automatic incidents. The state first tracks every unresolved
  // automatic incident (reconcile.ts), so that recovery resolves it even when a killed run or a
  // merge left it untracked.
  const { state: recorded, problem } = readState(join(history, STATE_FILE), read);
  if (problem) outcome.warnings.push(`history/${STATE_FILE} ${problem}; counters start afresh`);
  const ids = componentIds(config);
  const open = openProberIncidents(readProberIncidents(contentDir, ids).incidents, {
    components: ids,
    now: input.now,
  });
  const { state, attached } = reconcileState(recorded, open);
  for (const a of attached)
    outcome.warnings.push(
      `incidents/${a.incident}.md is unresolved but history/${STATE_FILE} did not track it for ${a.component}: re-attached`,
    );
  const policy = confirmPolicy(config.probe);
  for (const r of [...input.results].sort((a, b) => a.at - b.at)) {
    const { state: next, change } = advance(state.components[r.component], r.status, r.at, policy);
    state.components[r.component] = next;
    if (change) outcome.changes.push({ component: r.component, ...change, at: r.at });
  }
  outcome.incidents = applyAutoIncidents({
    contentDir,
    config,
    changes: outcome.changes,
    state,
    reasons: new Map(input.results.map((r) => [r.component, r.reason])),
    now: input.now,
    dryRun: input.dryRun ?? false,
  });
  outcome.incidents.push(...issuesOwed(config, open, outcome.incidents));
  write(`history/${STATE_FILE}`, formatState(state));

  // 3. Rollups of the local days that are over and not rolled up yet.
  const tz = config.site.time_zone;
  const sampleFiles = listDated(history, SAMPLES_FILE);
  const lastRolled = latestRollup(dailyDir, read);
  const yesterday = addDays(localDate(input.now, tz), -1);
  const firstSampleDay = sampleFiles[0];
  let day = lastRolled ? addDays(lastRolled, 1) : firstSampleDay && addDays(firstSampleDay, -1);
  const interval = config.probe.interval_minutes * MINUTE;
  const rollupText = new Map<string, string>();
  while (day && day <= yesterday) {
    const span = {
      date: day,
      start: startOfLocalDay(day, tz),
      end: startOfLocalDay(addDays(day, 1), tz),
    };
    const samples = samplesAround(history, span.start - interval, span.end, {
      read,
      warnings: outcome.warnings,
    });
    const components = [...new Set(samples.map((s) => s.component))].sort();
    const lines = components
      .map((c) =>
        rollupDay(
          c,
          samples.filter((s) => s.component === c),
          span,
          interval,
        ),
      )
      .filter((line) => line.observed > 0)
      .map(formatRollup)
      .join('');
    if (lines) {
      const file = rollupsFileName(day);
      rollupText.set(file, (rollupText.get(file) ?? read(join(dailyDir, file))) + lines);
      outcome.rollupDays.push(day);
    }
    day = addDays(day, 1);
  }
  for (const [file, text] of rollupText) write(`history/daily/${file}`, text);

  // 4. Prune whole sample files past retention; their days are in the rollups by now.
  const cutoff = new Date(input.now - config.probe.retention_days * DAY).toISOString().slice(0, 10);
  const rolledThrough = outcome.rollupDays.at(-1) ?? lastRolled;
  for (const date of sampleFiles) {
    // A UTC file can hold the first hours of the next local day: prune it only once that is rolled.
    if (date >= cutoff || !rolledThrough || date >= rolledThrough) continue;
    if (!input.dryRun) {
      rmSync(join(history, `${date}.tsv`), { force: true });
      writePoint('removed', join(history, `${date}.tsv`));
    }
    outcome.pruned.push(`history/${date}.tsv`);
  }
  return outcome;
}

/**
 * With `github.auto_issues`, an unresolved automatic incident without its issue (a run stopped
 * between writing the incident and opening the issue, or GitHub failed) is owed one: it is
 * reported as opened, so the automatic issues step opens it, or finds the one already opened.
 */
function issuesOwed(
  config: Config,
  open: readonly OpenProberIncident[],
  done: readonly AutoIncidentAction[],
): AutoIncidentAction[] {
  if (!config.github.auto_issues) return [];
  return open.flatMap((o) => {
    const component = o.troubled[0]?.id;
    if (o.githubIssue !== null || !component || done.some((a) => a.incident === o.id)) return [];
    const note = 'its GitHub issue was not opened with it; opening it now';
    return [{ kind: 'opened' as const, component, incident: o.id, note }];
  });
}

/** Reads a history file: '' when there is none; a file the content reader refuses throws. */
type Read = (path: string) => string;

/**
 * The state file's counters, or a problem that starts them afresh: a file that cannot be parsed,
 * or one the content reader refuses (it is written anew, as a file, at the end of the run).
 */
function readState(path: string, read: Read): { state: ProbeState; problem: string | undefined } {
  try {
    const { state, problem } = parseState(read(path));
    return { state, problem: problem === undefined ? undefined : `is ${problem}` };
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    return { state: emptyState(), problem: error.reason };
  }
}

/** Samples of every component between two instants, from the UTC files that hold them. */
function samplesAround(
  dir: string,
  from: number,
  to: number,
  io: { read: Read; warnings: string[] },
): Sample[] {
  const out: Sample[] = [];
  for (let t = Math.floor(from / DAY) * DAY; t < to; t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    const { samples, problems } = parseSamples(io.read(join(dir, `${date}.tsv`)), date);
    for (const p of problems) io.warnings.push(`history/${date}.tsv:${p.line}: ${p.message}`);
    out.push(...samples.filter((s) => s.at >= from && s.at < to));
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The newest date in the rollup files. */
function latestRollup(dir: string, read: Read): string | undefined {
  const years = listDated(dir, /^(\d{4})\.tsv$/);
  for (const year of years.reverse()) {
    let latest: string | undefined;
    for (const line of read(join(dir, `${year}.tsv`)).split('\n')) {
      const r = line ? parseRollup(line) : undefined;
      if (r && typeof r !== 'string' && (!latest || r.date > latest)) latest = r.date;
    }
    if (latest) return latest;
  }
  return undefined;
}

/** The captured group of matching file names, sorted. */
function listDated(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .map((name) => pattern.exec(name)?.[1])
      .filter((d): d is string => d !== undefined)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
}
