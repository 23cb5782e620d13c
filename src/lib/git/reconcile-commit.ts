/**
 * The tree the push path pushes tells one story. Two commits that git rebases without a conflict
 * can still change each other's meaning: two probers each opened an incident for one outage (one
 * is merged into the other, `record/duplicate-outages.ts`), or the sync's stale comment reopens an
 * incident in one file while the prober's next run, in other files, forgets it (the state tracks
 * every unresolved automatic incident again, `record/reconcile.ts`). The push path reconciles the
 * tree it is about to push and commits what that changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { componentIds } from '../config/schema.ts';
import { checkIncident, incidentText, openIncident } from '../content/incident-document.ts';
import { writeIncidentFile } from '../content/incident-files.ts';
import { mergeIncidents, type MergeSide } from '../content/merge-incidents.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { formatState, parseState, STATE_FILE } from '../history/state.ts';
import { duplicateOutages } from '../record/duplicate-outages.ts';
import { openProberIncidents, readProberIncidents, reconcileState } from '../record/reconcile.ts';
import { displayPath } from '../validation/friendly-errors.ts';
import { commitPaths } from './commit.ts';
import type { Git } from './git.ts';

/** The commit message of a reconciled state. */
export const RECONCILE_MESSAGE = 'probe state: track the unresolved automatic incidents';
/** The commit message when incidents of one outage were merged. */
export const ONE_OUTAGE_MESSAGE = 'probe: one incident per outage';

export interface ReconcileCommitOptions {
  git: Git;
  /** The repository's top folder on disk. */
  root: string;
  /** The content folder, relative to the top, with `/`. */
  content: string;
  now: () => number;
  log: (line: string) => void;
}

/**
 * Merges the automatic incidents of one outage, reconciles the working tree's `state.json` with
 * the incident files, and commits what changed; resolves with one line per merge and per
 * re-attached incident. Without a state (no prober yet) or with a configuration that does not
 * load, there is nothing to reconcile against: it says so and leaves the files alone (the next
 * probe run reconciles the state).
 */
export async function reconcileAndCommit(options: ReconcileCommitOptions): Promise<string[]> {
  const contentDir = join(options.root, options.content);
  const path = join(contentDir, 'history', STATE_FILE);
  if (!existsSync(path)) return [];
  const { state, problem } = parseState(readFileSync(path, 'utf8'));
  if (problem) return [];
  let components: ReadonlySet<string>;
  try {
    components = componentIds(loadConfig(contentDir));
  } catch (error) {
    options.log(`state not reconciled: ${(error as Error).message}`);
    return [];
  }
  const relative = (file: string): string => posix.join(options.content, file);
  const notes: string[] = [];
  const changed: string[] = [];
  const read = () => {
    const { incidents } = readProberIncidents(contentDir, components);
    return { incidents, open: openProberIncidents(incidents, { components, now: options.now() }) };
  };

  const before = read();
  const merges = duplicateOutages(before.incidents, before.open);
  for (const { into, from } of merges) {
    const side = (id: string): MergeSide & { path: string } => {
      // Read again for each merge: an earlier merge of this run may have changed the kept file.
      const path = join(contentDir, 'incidents', `${id}.md`);
      const [text, file] = [readFileSync(path, 'utf8'), displayPath(path)];
      const opened = openIncident(text, file);
      // Both parsed a moment ago (readProberIncidents): a document that does not open is a bug.
      if (!opened.ok) throw new Error(`${file} no longer opens`);
      return { id, path, doc: opened.data, data: checkIncident(text, file, components).data };
    };
    const [kept, gone] = [side(into), side(from)];
    const merged = mergeIncidents(kept, gone);
    // The kept file first: stopped in between, the updates are in both files, never in neither.
    for (const [target, doc] of [
      [kept.path, merged.into],
      [gone.path, merged.from],
    ] as const) {
      writeIncidentFile({ path: target, file: displayPath(target), components }, incidentText(doc));
    }
    changed.push(relative(`incidents/${into}.md`), relative(`incidents/${from}.md`));
    notes.push(
      `${relative(`incidents/${from}.md`)}: merged into ${into} (one outage, two probers)`,
    );
  }
  const { open } = merges.length ? read() : before;
  const { state: next, attached } = reconcileState(state, open);
  if (attached.length) {
    writeFileAtomic(path, formatState(next));
    changed.push(relative(`history/${STATE_FILE}`));
    for (const a of attached) {
      notes.push(
        `${relative(`history/${STATE_FILE}`)}: ${a.component} tracks ${a.incident} again (reconciled)`,
      );
    }
  }
  if (changed.length === 0) return [];
  await commitPaths(
    options.git,
    [...new Set(changed)],
    merges.length ? ONE_OUTAGE_MESSAGE : RECONCILE_MESSAGE,
  );
  return notes;
}
