/**
 * Atomic writes that skip unchanged content: the new text goes to a temporary file beside the
 * target, then a rename replaces the target in one step, so a run killed at any moment leaves
 * either the old file or the new one — never half of one. Temporary names never end in `.md` or
 * `.tsv`, so readers do not see them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writePoint } from './write-points.ts';

const TEMP_MARK = '.heliograph-tmp-';

/** Writes `text` to `path` atomically; returns false (and writes nothing) when unchanged. */
export function writeFileAtomic(path: string, text: string): boolean {
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read ${path} before writing it`, { cause: error });
    }
  }
  if (current === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, text, { flush: true });
    writePoint('temp written', temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`cannot write ${path}`, { cause: error });
  }
  writePoint('renamed', path);
  return true;
}

/** Removes temporary files a killed run left in a folder. */
export function removeStaleTemps(dir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
  for (const name of names) {
    if (name.includes(TEMP_MARK)) {
      rmSync(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
