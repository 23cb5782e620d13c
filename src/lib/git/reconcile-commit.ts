/**
 * The state the push path pushes tracks every unresolved automatic incident. Two commits that
 * git rebases without a conflict can still change each other's meaning (the sync's stale comment
 * reopens an incident in one file while the prober's next run, in other files, forgets it), so
 * the push path reconciles the tree it is about to push (`record/reconcile.ts`) and commits the
 * state when that changed it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { componentIds } from '../config/schema.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { formatState, parseState, STATE_FILE } from '../history/state.ts';
import { openProberIncidents, readProberIncidents, reconcileState } from '../record/reconcile.ts';
import { commitPaths } from './commit.ts';
import type { Git } from './git.ts';

/** The commit message of a reconciled state. */
export const RECONCILE_MESSAGE = 'probe state: track the unresolved automatic incidents';

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
 * Reconciles the working tree's `state.json` with its incident files and commits it when it
 * changed; resolves with one line per re-attached incident. Without a state (no prober yet) or
 * with a configuration that does not load, there is nothing to reconcile against: it says so
 * and leaves the state alone (the next probe run reconciles it).
 */
export async function reconcileAndCommit(options: ReconcileCommitOptions): Promise<string[]> {
  const contentDir = join(options.root, options.content);
  const path = join(contentDir, 'history', STATE_FILE);
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const { state, problem } = parseState(text);
  if (problem) return [];
  let components: ReadonlySet<string>;
  try {
    components = componentIds(loadConfig(contentDir));
  } catch (error) {
    options.log(`state not reconciled: ${(error as Error).message}`);
    return [];
  }
  const { incidents } = readProberIncidents(contentDir, components);
  const open = openProberIncidents(incidents, { components, now: options.now() });
  const { state: next, attached } = reconcileState(state, open);
  if (attached.length === 0) return [];
  writeFileAtomic(path, formatState(next));
  const relative = posix.join(options.content, 'history', STATE_FILE);
  await commitPaths(options.git, [relative], RECONCILE_MESSAGE);
  return attached.map((a) => `${relative}: ${a.component} tracks ${a.incident} again (reconciled)`);
}
