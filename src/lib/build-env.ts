/**
 * The build's inputs from the environment, read in one place: which content folder to build and
 * what time it is. Tests and benchmarks set them; by default the clock and `content/`.
 */
import { resolve } from 'node:path';

/** The content folder: `HELIOGRAPH_CONTENT`, or `content`. */
export function contentDir(): string {
  return resolve(process.env['HELIOGRAPH_CONTENT'] || 'content');
}

/** "Now" for the build: `HELIOGRAPH_NOW` (ISO 8601), or the clock. */
export function buildNow(): number {
  const pinned = process.env['HELIOGRAPH_NOW'];
  if (!pinned) return Date.now();
  const t = Date.parse(pinned);
  if (Number.isNaN(t)) throw new Error(`HELIOGRAPH_NOW="${pinned}" is not an ISO 8601 time`);
  return t;
}
