/**
 * `incident merge <id> <other>…`: one outage told as several incidents becomes one. The first id
 * is kept; each other incident's updates move into it (`content/merge-incidents.ts` says how) and
 * its file stays as a stub naming the kept one, so its page leads there and it is listed nowhere.
 */
import { checkIncident, openIncident } from '../content/incident-document.ts';
import { writeIncidentFile } from '../content/incident-files.ts';
import { mergeIncidents, type MergeSide } from '../content/merge-incidents.ts';
import { incidentText } from '../content/incident-document.ts';
import { paths } from '../paths.ts';
import { ContentError, displayPath } from '../validation/friendly-errors.ts';
import { reportWritten, type EditorRun } from './context.ts';
import { EditorError, UsageError } from './errors.ts';
import { readIncidentText, requireIncident } from './incident-index.ts';
import { parseId } from './slug.ts';

/** Merges every other incident into the first, one after the other. */
export function mergeIncident(run: EditorRun, ids: readonly string[]): void {
  const [into, ...others] = ids.map((id) => parseId(id, 'merge <id> <other-id>'));
  if (into === undefined || others.length === 0) {
    throw new UsageError(
      'merge needs two incident ids or more: merge <id> <other-id>… (the first is kept)',
    );
  }
  const seen = new Set<string>();
  for (const id of [into, ...others]) {
    if (seen.has(id)) throw new UsageError(`merge: "${id}" is named twice`);
    seen.add(id);
  }
  for (const other of others) {
    const kept = read(run, into);
    const gone = read(run, other);
    const moved = gone.data.updates.length;
    const merged = mergeIncidents(kept, gone);
    // The kept file first: a run stopped between the two writes leaves the updates in both files,
    // never in neither.
    write(run, kept.path, incidentText(merged.into));
    write(run, gone.path, incidentText(merged.from));
    run.out(`Merged ${other} into ${into}: ${moved} update${moved === 1 ? '' : 's'} moved.`);
    reportWritten(run, 'Updated', kept.path, paths.incident(into));
    reportWritten(run, 'Now leads there', gone.path, paths.incident(other));
  }
}

/** An incident ready to merge: valid, and not merged already. */
function read(run: EditorRun, id: string): MergeSide & { path: string } {
  const path = requireIncident(run, id);
  const file = displayPath(path);
  const text = readIncidentText(run, path);
  const entry = checkIncident(text, file, run.componentIds);
  if (entry.data.merged_into !== undefined) {
    throw new EditorError(
      `"${id}" was merged into "${entry.data.merged_into}" already: merge into that one instead`,
    );
  }
  const opened = openIncident(text, file);
  if (!opened.ok) throw new ContentError(opened.problems);
  return { id, path, doc: opened.data, data: entry.data };
}

function write(run: EditorRun, path: string, text: string): void {
  writeIncidentFile({ path, file: displayPath(path), components: run.componentIds }, text);
}
