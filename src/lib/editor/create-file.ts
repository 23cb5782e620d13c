/**
 * Creating a file that must not exist yet, atomically: the text goes to a temporary file, which is
 * then hard-linked to the target. The link fails if the target exists, so a file another editor
 * (or the prober) created a moment earlier is never overwritten, and a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** File systems without hard links answer with these; an exclusive copy stands in there. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV']);

/** Writes `text` to a new file at `path`; returns false (writing nothing) when it exists. */
export function createFileExclusive(path: string, text: string): boolean {
  mkdirSync(dirname(path), { recursive: true });
  // Not ending in .md, so that a build running meanwhile does not read it as an entry.
  const temp = `${path}.heliograph-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, text, { flush: true });
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!NO_LINKS.has(code)) throw error;
      copyFileSync(temp, path, constants.COPYFILE_EXCL);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`cannot write ${path}`, { cause: error });
  } finally {
    rmSync(temp, { force: true });
  }
}
