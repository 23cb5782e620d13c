/**
 * The incidents in the content folder, for commands that pick one: each file read on its own, so
 * that one broken file does not hide the others, with its state as the site shows it now.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import { ContentError, displayPath, type Problem } from '../validation/friendly-errors.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { ENTRY_FILE } from '../content/loader.ts';
import type { Entry } from '../content/parse-entry.ts';
import { buildIncident, type Incident } from '../model/incident.ts';
import { incidentFile, type EditorRun } from './context.ts';
import { EditorError } from './errors.ts';
import { checkIncident } from '../content/incident-document.ts';
import { closest } from '../text/closest.ts';

/** One incident file: its entry and model, or its problems. */
export interface IndexedIncident {
  id: string;
  file: string;
  entry?: Entry<IncidentData>;
  /** As the site shows it at `now`; undefined while every update is dated in the future. */
  incident?: Incident;
  problems?: Problem[];
}

/** Ids of every incident file, sorted. */
export function incidentIds(run: EditorRun): string[] {
  const dir = join(run.contentDir, 'incidents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ENTRY_FILE.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}

/** Reads every incident file. */
export function readIncidents(run: EditorRun): IndexedIncident[] {
  return incidentIds(run).map((id) => readIncident(run, id));
}

/** Reads one incident file; problems are kept, not thrown. */
export function readIncident(run: EditorRun, id: string): IndexedIncident {
  const path = incidentFile(run, id);
  const file = displayPath(path);
  try {
    const entry = checkIncident(readIncidentText(run, path), file, run.componentIds);
    const incident = modelOf(id, entry, run.now);
    return { id, file, entry, ...(incident ? { incident } : {}) };
  } catch (error) {
    if (error instanceof ContentError) return { id, file, problems: error.problems };
    throw new EditorError(`cannot read ${file}`, { cause: error });
  }
}

/**
 * An incident file's text, read through the content reader: a file it refuses (a link out of the
 * content folder, a folder named like a file, one far too large) is a ContentError naming it, as
 * any other problem of the file is.
 */
export function readIncidentText(run: EditorRun, path: string): string {
  try {
    return readContentText(path, { within: run.contentDir, limit: CONTENT_LIMITS.entry });
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    const file = displayPath(path);
    throw new ContentError([{ file, line: 1, column: 1, field: '', message: error.reason }], {
      cause: error,
    });
  }
}

/**
 * An existing incident's file, or an error naming the ids closest to the one typed. With
 * `posting`, an incident merged into another is an error naming the one to post to.
 */
export function requireIncident(run: EditorRun, id: string, posting = false): string {
  const path = incidentFile(run, id);
  if (existsSync(path)) {
    const into = posting ? readIncident(run, id).entry?.data.merged_into : undefined;
    if (into !== undefined) {
      throw new EditorError(`"${id}" was merged into "${into}": post to that one instead`);
    }
    return path;
  }
  const ids = incidentIds(run);
  const near = closest(id, ids);
  const hint = near.length
    ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
    : ids.length
      ? '; `list --all` shows every incident'
      : '; there are no incidents yet';
  throw new EditorError(
    `no incident "${id}" in ${displayPath(join(run.contentDir, 'incidents'))}${hint}`,
  );
}

/** The incident as the site shows it at `now` (Markdown is not rendered: only the state matters). */
export function modelOf(id: string, entry: Entry<IncidentData>, now: number): Incident | undefined {
  return buildIncident(id, entry, { now, render: (markdown) => markdown });
}
