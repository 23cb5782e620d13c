/**
 * Rebasing this side's commits on what others pushed, merging by meaning. Git stops on every
 * content file both sides changed (`.gitattributes` gives them the `heliograph` merge driver,
 * defined here as one that always declines, so git leaves the three versions in the index;
 * without the definition, as for a person's `git pull`, git merges them line by line as usual).
 * Each stop is settled by reading the three versions (`git show :1:`, `:2:`, `:3:`), merging
 * them by the file's rule (`merge-rules.ts`), checking the result with the parser its readers
 * use, and continuing (`push.ts` then reconciles `state.json` with the merged incidents). A file no rule
 * covers, or a merge that would not read, aborts the rebase and stops with a ConflictError that
 * names the file: nothing is ever settled by silently keeping one side.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { componentIds } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import type { Git } from './git.ts';
import { DELETED_ON_ONE_SIDE, ruleFor } from './merge-rules.ts';

/** The merge driver `.gitattributes` names for files the push path merges by meaning. */
export const MERGE_DRIVER = 'heliograph';

/** A conflict the push path cannot settle: a person has to merge it. */
export class ConflictError extends Error {
  /** The files concerned, relative to the repository. */
  readonly files: string[];
  constructor(message: string, files: string[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
    this.files = files;
  }
}

export interface RebaseOptions {
  /** Git, run in the repository's top folder (paths in the index are relative to it). */
  git: Git;
  /** The ref to rebase on, e.g. `origin/main`. */
  onto: string;
  /** The repository's top folder on disk. */
  root: string;
  /** The content folder, relative to the repository's top, with `/`. */
  content: string;
  /** The clock that decides which incident updates are published (future ones are not yet). */
  now: () => number;
  log: (line: string) => void;
}

/** Rebases HEAD on `onto`; resolves with what was merged, one line per file and rule. */
export async function rebaseMerging(options: RebaseOptions): Promise<string[]> {
  const { git } = options;
  const notes: string[] = [];
  try {
    await git(['-c', `merge.${MERGE_DRIVER}.driver=false`, 'rebase', options.onto]);
    return notes;
  } catch (error) {
    if (!(await rebasing(options))) throw error;
  }
  // A stop per replayed commit that conflicts. A `--continue` that fails with no conflict left
  // (a hook that refuses the commit, say) would fail the same way again: that ends it.
  let failed: Error | undefined;
  for (;;) {
    const conflicted = await unmerged(git);
    if (conflicted.size === 0 && failed !== undefined) {
      await git(['rebase', '--abort']);
      throw failed;
    }
    if (conflicted.size) notes.push(...(await settle(options, conflicted)));
    const staged = await git(['diff', '--cached', '--name-only', 'HEAD']);
    try {
      // A commit whose changes upstream already holds is empty once merged: it is dropped.
      await git(
        staged.trim() === ''
          ? ['rebase', '--skip']
          : [
              '-c',
              `merge.${MERGE_DRIVER}.driver=false`,
              '-c',
              'core.editor=true',
              'rebase',
              '--continue',
            ],
      );
    } catch (error) {
      if (!(await rebasing(options))) throw error;
      failed = error instanceof Error ? error : new Error(String(error));
      continue;
    }
    failed = undefined;
    if (!(await rebasing(options))) return notes;
  }
}

/** Aborts a rebase a killed process left behind, so the commits are as they were before it. */
export async function abortStaleRebase(options: RebaseOptions): Promise<boolean> {
  if (!(await rebasing(options))) return false;
  await options.git(['rebase', '--abort']);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The versions of a conflicted file present in the index, by stage (1 base, 2 upstream, 3 local). */
type Stages = Set<1 | 2 | 3>;

/** Settles one stop's conflicted files; aborts the rebase and throws when one cannot be. */
async function settle(options: RebaseOptions, conflicted: Map<string, Stages>): Promise<string[]> {
  const { git, content } = options;
  const notes: string[] = [];
  const prefix = content === '' || content === '.' ? '' : `${content}/`;
  const inContent = (path: string): string | undefined =>
    path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  const uncovered = [...conflicted.keys()].filter((path) => {
    const relative = inContent(path);
    return relative === undefined || !ruleFor(relative);
  });
  if (uncovered.length) {
    await git(['rebase', '--abort']);
    throw new ConflictError(
      `cannot push: ${uncovered.join(', ')} changed on both sides and no merge rule covers ${uncovered.length > 1 ? 'them' : 'it'}; merge by hand (git pull --rebase), then push again`,
      uncovered,
    );
  }
  let components: ReadonlySet<string> | undefined;
  const contentDir = join(options.root, content);
  const ctx = (file: string) => ({
    file,
    components: () => (components ??= componentIds(loadConfig(contentDir))),
  });
  for (const path of [...conflicted.keys()].sort()) {
    const relative = inContent(path)!;
    const rule = ruleFor(relative)!;
    const stages = conflicted.get(path)!;
    const show = (n: 1 | 2 | 3) => (stages.has(n) ? git(['show', `:${n}:${path}`]) : undefined);
    const [base, upstream, local] = await Promise.all([show(1), show(2), show(3)]);
    let text: string;
    if (upstream === undefined || local === undefined) {
      text = (upstream ?? local)!;
      notes.push(
        `${path}: deleted on one side, changed on the other; kept ${DELETED_ON_ONE_SIDE.keep}`,
      );
    } else {
      try {
        const merged = rule.merge({ base, upstream, local }, ctx(path));
        text = merged.text;
        notes.push(`${path}: merged (${rule.name})`, ...merged.notes.map((n) => `${path}: ${n}`));
      } catch (error) {
        await git(['rebase', '--abort']);
        throw new ConflictError(
          `cannot push: ${path} changed on both sides and the merge would not read:\n${(error as Error).message}`,
          [path],
          { cause: error },
        );
      }
    }
    const target = join(options.root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    await git(['add', '--', path]);
  }
  return notes;
}

/** Stage numbers as `git ls-files -u` writes them. */
const STAGE: Readonly<Record<string, 1 | 2 | 3>> = { '1': 1, '2': 2, '3': 3 };

/** The conflicted paths of the index and the stages each has. */
async function unmerged(git: Git): Promise<Map<string, Stages>> {
  const out = new Map<string, Stages>();
  for (const entry of (await git(['ls-files', '-u', '-z'])).split('\0')) {
    const match = /^\d+ [0-9a-f]+ ([123])\t(.+)$/s.exec(entry);
    if (!match) continue;
    const stages = out.get(match[2]!) ?? new Set();
    stages.add(STAGE[match[1]!]!);
    out.set(match[2]!, stages);
  }
  return out;
}

/** Where git keeps a stopped rebase, per set of options (asked once: it does not move). */
const rebaseDirs = new WeakMap<RebaseOptions, string>();

/** Whether a rebase is stopped in the repository. */
async function rebasing(options: RebaseOptions): Promise<boolean> {
  let dir = rebaseDirs.get(options);
  if (dir === undefined) {
    // A clone keeps its git folder at `.git`; a worktree or a submodule has a file there instead,
    // and git says where.
    const plain = join(options.root, '.git');
    dir = statSync(plain, { throwIfNoEntry: false })?.isDirectory()
      ? join(plain, 'rebase-merge')
      : resolve(
          options.root,
          (await options.git(['rev-parse', '--git-path', 'rebase-merge'])).trim(),
        );
    rebaseDirs.set(options, dir);
  }
  return existsSync(dir);
}
