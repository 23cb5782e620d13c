/**
 * The share-image cache. An image is named by a hash of everything that shapes it — the template
 * version, the renderer versions, the font files, the logo and the card's data — so an unchanged
 * image is read back instead of drawn, and a changed one gets a new name (and URL, so social
 * networks fetch it again instead of showing their copy of the old one). The folder outlives
 * builds (`.cache/images/`, kept between workflow runs by the deploy workflow's cache step).
 * Entries are written atomically, so builds sharing the folder never read half a file.
 * Pattern: delucis/astro-og-canvas, generateOpenGraphImage.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  CACHE_MAX_IDLE_DAYS,
  markCacheEntryUsed,
  pruneCacheFolder,
  writeCacheEntry,
} from '../fs/cache-folder.ts';
import type { ShareCard } from './cards.ts';
import type { ImageStats } from './image-stats.ts';
import { z } from 'astro/zod';

/** Hex digits of the hash kept in names: 64 bits, no collision among millions of images. */
const HASH_LENGTH = 16;

const ENTRY_NAME = new RegExp(`^[0-9a-f]{${HASH_LENGTH}}\\.png$`);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from('IEND');

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

/** A drawing, with the time the drawing itself took (a worker pool's queue left out). */
export interface DrawnImage {
  png: Buffer;
  ms: number;
}

/** Options of `cachedImage`. */
export interface CachedImageOptions {
  /** The cache folder. */
  dir: string;
  hash: string;
  /** Draws the image; a plain PNG is timed here, from the call to its end. */
  draw: () => Promise<Buffer | DrawnImage>;
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
  const drawn = await options.draw();
  const png = Buffer.isBuffer(drawn) ? drawn : drawn.png;
  try {
    writeCacheEntry(file, png, 'the share image');
  } catch (error) {
    // The image itself is fine: the build goes on, and says at the end that the cache failed.
    stats.problems.push(error as Error);
  }
  stats.rendered++;
  stats.renderMs += Buffer.isBuffer(drawn) ? performance.now() - started : drawn.ms;
  return png;
}

/** Removes entries no build has used for `maxIdleDays`, and temporary files left by killed builds. */
export function pruneImageCache(
  dir: string,
  now: number,
  maxIdleDays = CACHE_MAX_IDLE_DAYS,
): number {
  return pruneCacheFolder(dir, now, { entry: ENTRY_NAME, what: 'image', maxIdleDays });
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
  markCacheEntryUsed(file, 'the cached image', problems);
  return data;
}
