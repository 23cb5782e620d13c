/** Reading a file that may not exist yet (a first run, a new site). */
import { readFileSync } from 'node:fs';

/** A file's text, or '' when it does not exist; any other failure is an error naming the file. */
export function readTextOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new Error(`cannot read ${path}`, { cause: error });
  }
}
