/**
 * The rules of a build cache folder (share images, pre-compressed copies): entries named by a hash
 * of their content's inputs, written atomically so that builds sharing the folder never read half
 * a file, marked as used on every read, and pruned when no build has used them for a month.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Entries not used by any build for this long are removed at the end of a build: an incident's
 * old pictures, copies of pages since changed. Every build marks the entries it reuses.
 */
export const CACHE_MAX_IDLE_DAYS = 30;

/** What names a temporary file, left by a killed build if it is not renamed. */
const TEMP_MARK = '.tmp-';
/** Errors of a cache folder the build may read but not change. */
const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Stores an entry: a temporary file, then a rename, so readers see all of it or nothing. */
export function writeCacheEntry(file: string, data: Uint8Array, what: string): void {
  const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    if (existsSync(temp)) rmSync(temp, { force: true });
    throw new Error(`cannot store ${what} ${file} in the cache`, { cause: error });
  }
}

/**
 * Marks an entry as used, for pruning. A read-only cache still serves, and not being able to mark
 * an entry only means it may be pruned earlier: a problem to report, never a failure.
 */
export function markCacheEntryUsed(file: string, what: string, problems: Error[]): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch (error) {
    if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) {
      problems.push(new Error(`cannot mark ${what} ${file} as used`, { cause: error }));
    }
  }
}

/**
 * Removes the entries (names matching `entry`) no build has used for `maxIdleDays`, and temporary
 * files left by killed builds; returns how many it removed.
 */
export function pruneCacheFolder(
  dir: string,
  now: number,
  options: { entry: RegExp; what: string; maxIdleDays?: number },
): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new Error(`cannot list the ${options.what} cache ${dir}`, { cause: error });
  }
  const maxIdleDays = options.maxIdleDays ?? CACHE_MAX_IDLE_DAYS;
  let removed = 0;
  for (const name of names) {
    const temp = name.includes(TEMP_MARK);
    if (!temp && !options.entry.test(name)) continue;
    const file = join(dir, name);
    // Gone already: another build sharing the folder pruned it.
    const mtime = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined) continue;
    // A temporary file younger than an hour may belong to a build still running.
    const limit = temp ? now - 3_600_000 : now - maxIdleDays * 86_400_000;
    if (mtime < limit) {
      rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}
