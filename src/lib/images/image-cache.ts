/**
 * The share-image cache. An image is named by a hash of everything that shapes it — the template
 * version, the renderer versions, the font files, the logo and the card's data — so an unchanged
 * image is read back instead of drawn, and a changed one gets a new name (and URL, so social
 * networks fetch it again instead of showing their copy of the old one). The folder outlives
 * builds (`.cache/images/`, kept between workflow runs by the deploy workflow's cache step).
 * Entries are written atomically, so builds sharing the folder never read half a file.
 * Pattern: delucis/astro-og-canvas, generateOpenGraphImage.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ShareCard } from './cards.ts';
import type { ImageStats } from './image-stats.ts';
import { z } from 'astro/zod';

/** Hex digits of the hash kept in names: 64 bits, no collision among millions of images. */
const HASH_LENGTH = 16;

/**
 * Entries not used by any build for this long are removed at the end of a build: an incident's
 * old pictures, images of content since deleted. Every build touches the entries it reuses.
 */
export const CACHE_MAX_IDLE_DAYS = 30;

const ENTRY_NAME = new RegExp(`^[0-9a-f]{${HASH_LENGTH}}\\.png$`);
const TEMP_MARK = '.tmp-';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from('IEND');
/** Errors of a cache folder the build may read but not change. */
const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Versions of satori and resvg: a new renderer may draw the same card differently. */
const RENDERERS = ((): string => {
  const require = createRequire(import.meta.url);
  const version = (name: string): string =>
    z.object({ version: z.string() }).parse(require(`${name}/package.json`)).version;
  return `satori@${version('satori')} resvg@${version('@resvg/resvg-js')}`;
})();

/**
 * The cache folder: `HELIOGRAPH_IMAGE_CACHE`, else `.cache/images` (the integration sets the
 * variable to the project's folder, since builds may run from elsewhere).
 */
export function imageCacheDir(): string {
  return resolve(process.env['HELIOGRAPH_IMAGE_CACHE'] || join('.cache', 'images'));
}

/** The hash that names a card's image. */
export function imageHash(card: ShareCard, parts: { template: number; fonts: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.template, RENDERERS, parts.fonts, card]))
    .digest('hex')
    .slice(0, HASH_LENGTH);
}

/** Options of `cachedImage`. */
export interface CachedImageOptions {
  /** The cache folder. */
  dir: string;
  hash: string;
  draw: () => Promise<Buffer>;
  /** Where counts and times are added up. */
  stats: ImageStats;
}

/** The image named `hash`: read from the cache, or drawn and stored. */
export async function cachedImage(options: CachedImageOptions): Promise<Buffer> {
  const { dir, hash, stats } = options;
  const file = join(dir, `${hash}.png`);
  const started = performance.now();
  const cached = readEntry(file, stats.problems);
  if (cached) {
    stats.reused++;
    stats.reuseMs += performance.now() - started;
    return cached;
  }
  const png = await options.draw();
  try {
    writeEntry(file, png);
  } catch (error) {
    // The image itself is fine: the build goes on, and says at the end that the cache failed.
    stats.problems.push(error as Error);
  }
  stats.rendered++;
  stats.renderMs += performance.now() - started;
  return png;
}

/** Removes entries no build has used for `maxIdleDays`, and temporary files left by killed builds. */
export function pruneImageCache(
  dir: string,
  now: number,
  maxIdleDays = CACHE_MAX_IDLE_DAYS,
): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new Error(`cannot list the image cache ${dir}`, { cause: error });
  }
  let removed = 0;
  for (const name of names) {
    const temp = name.includes(TEMP_MARK);
    if (!temp && !ENTRY_NAME.test(name)) continue;
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

/**
 * A cached PNG, or undefined when absent, damaged or unreadable (then it is drawn again: a cache
 * problem costs time, never the build).
 */
function readEntry(file: string, problems: Error[]): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push(new Error(`cannot read the cached image ${file}`, { cause: error }));
    }
    return undefined;
  }
  const whole =
    data.length > 20 &&
    data.subarray(0, 8).equals(PNG_SIGNATURE) &&
    data.subarray(-8, -4).equals(PNG_END);
  if (!whole) return undefined;
  // Mark it used, for pruning; a read-only cache still serves.
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch (error) {
    // Not being able to mark it only means it may be pruned earlier; the image is fine.
    if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) {
      problems.push(new Error(`cannot mark the cached image ${file} as used`, { cause: error }));
    }
  }
  return data;
}

/** Stores a PNG: a temporary file, then a rename, so readers see all of it or nothing. */
function writeEntry(file: string, png: Buffer): void {
  const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, png);
    renameSync(temp, file);
  } catch (error) {
    if (existsSync(temp)) rmSync(temp, { force: true });
    throw new Error(`cannot store the share image ${file} in the cache`, { cause: error });
  }
}
