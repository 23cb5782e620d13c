/** Reading a file that may not be there yet. */
import { readFileSync } from 'node:fs';

/** The file's text, or undefined when there is no file; any other failure throws, naming it. */
export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}`, { cause: error });
  }
}
