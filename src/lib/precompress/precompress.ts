/**
 * Pre-compressed copies of a built site: `file.gz` and `file.br` beside each text file, for hosts
 * that serve them as they are instead of compressing each response (nginx `gzip_static` and
 * `brotli_static`, Caddy's `precompressed`, an S3 bucket behind a CDN). Each copy is made at the
 * highest levels (gzip 9, Brotli 11), which no server can afford per request and which cost a
 * build about 10 ms of CPU per page: so copies are kept in a cache folder named by a hash of the
 * file, and a rebuild compresses only the files that changed. Compression runs on libuv's thread
 * pool, several files at once, so a build uses every core.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import pLimit from 'p-limit';
import { markCacheEntryUsed, pruneCacheFolder, writeCacheEntry } from '../fs/cache-folder.ts';

/** Extensions given compressed copies: the text formats a site publishes. */
export const PRECOMPRESSED = [
  '.html',
  '.xml', // feeds
  '.json', // the API, share texts, JSON Feed, badges' endpoints
  '.svg', // badges, the logo
  '.css',
  '.js', // the embed banner
  '.ics', // the maintenance calendar, which calendar apps poll
] as const;

/** What a pass did. */
export interface PrecompressStats {
  /** Files given copies, and their bytes. */
  files: number;
  bytes: number;
  /** Bytes of the copies written. */
  gzipBytes: number;
  brotliBytes: number;
  /** Copies compressed now, and copies read from the cache. */
  compressed: number;
  reused: number;
  /** Copies not written because they would not be smaller than the file. */
  skipped: number;
  /** Cache problems: each cost time (a copy compressed again), never a copy. */
  problems: Error[];
}

/** Options of `precompress`. */
export interface PrecompressOptions {
  /** The built site. */
  dir: string;
  /** The cache folder of copies. */
  cacheDir: string;
  /** Files compressed at once; the machine's cores by default. */
  concurrency?: number;
}

/** The two copies and how each is made; the settings name the cache entries too. */
const CODECS = [
  { suffix: '.gz', settings: 'gzip-9', compress: promisify(gzip), options: { level: 9 } },
  {
    suffix: '.br',
    settings: 'brotli-11-text',
    compress: promisify(brotliCompress),
    options: {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    },
  },
] as const;

const ENTRY_NAME = /^[0-9a-f]{32}\.(gz|br)$/;

/** Writes `.gz` and `.br` beside every file of `dir` with an extension in PRECOMPRESSED. */
export async function precompress(options: PrecompressOptions): Promise<PrecompressStats> {
  const stats: PrecompressStats = {
    files: 0,
    bytes: 0,
    gzipBytes: 0,
    brotliBytes: 0,
    compressed: 0,
    reused: 0,
    skipped: 0,
    problems: [],
  };
  const limit = pLimit(options.concurrency ?? availableParallelism());
  const files = (await readdir(options.dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && (PRECOMPRESSED as readonly string[]).includes(extname(e.name)))
    .map((e) => join(e.parentPath, e.name));
  await Promise.all(files.map((file) => limit(() => copiesOf(file, options.cacheDir, stats))));
  return stats;
}

/** Removes cached copies no build has used for a month. */
export function prunePrecompressCache(dir: string, now: number): number {
  return pruneCacheFolder(dir, now, { entry: ENTRY_NAME, what: 'pre-compressed copies' });
}

async function copiesOf(file: string, cacheDir: string, stats: PrecompressStats): Promise<void> {
  const data = await readFile(file);
  stats.files++;
  stats.bytes += data.length;
  for (const codec of CODECS) {
    const entry = join(cacheDir, `${entryName(data, codec.settings)}${codec.suffix}`);
    let copy = await readFile(entry).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        stats.problems.push(new Error(`cannot read ${entry}`, { cause: error }));
      return undefined;
    });
    if (copy) {
      stats.reused++;
      markCacheEntryUsed(entry, 'the pre-compressed copy', stats.problems);
    } else {
      copy = await codec.compress(data, codec.options);
      stats.compressed++;
      try {
        writeCacheEntry(entry, copy, 'the pre-compressed copy');
      } catch (error) {
        stats.problems.push(error as Error);
      }
    }
    // A copy no smaller than the file would only cost the host a lookup and the disk space.
    if (copy.length >= data.length) {
      stats.skipped++;
      continue;
    }
    await writeFile(`${file}${codec.suffix}`, copy);
    if (codec.suffix === '.gz') stats.gzipBytes += copy.length;
    else stats.brotliBytes += copy.length;
  }
}

/** A copy's cache name: its codec's settings and the file's bytes, hashed (128 bits). */
function entryName(data: Uint8Array, settings: string): string {
  return createHash('sha256').update(settings).update('\0').update(data).digest('hex').slice(0, 32);
}
