/**
 * Reading a file of the content folder, the build's only input, as a hostile one may be written:
 * a link that leads out of the folder (to `/etc/passwd`, whose lines a parse error would then
 * print), a folder or a pipe where a file is expected, a file far larger than any a person writes.
 * Each is refused with a `ContentFileError` naming the file and why, before a byte is read; text
 * comes back cleaned (`text/clean.ts`). Every reader of content goes through here: the
 * configuration, incidents (the build, the editor, the sync, the prober), maintenance, templates,
 * history (the site and the prober), the record of notifications and the logo.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { cleanText } from '../text/clean.ts';

/** The most a kind of content file may hold, with why; a larger one is refused, not read. */
export interface ContentLimit {
  bytes: number;
  /** The kind of file, as a message names it ("an incident or maintenance file"). */
  what: string;
}

const MiB = 1024 * 1024;

/** Limits by kind of file, each with its reason. */
export const CONTENT_LIMITS = {
  /**
   * A thousand components with their checks take about half a megabyte; past this the file is not
   * one a person wrote, and the YAML parser's time and memory grow with it.
   */
  config: { bytes: 4 * MiB, what: 'the configuration' },
  /**
   * The longest public postmortems are some tens of kilobytes of Markdown, and a busy synced issue
   * a few hundred short comments. Rendering some Markdown takes time that grows faster than its
   * size (deeply nested quotes), so this cap also bounds how long one file can hold up a build.
   */
  entry: { bytes: 1 * MiB, what: 'an incident or maintenance file' },
  /**
   * A day of 5-minute samples of a thousand components, each with a failure reason, is about
   * 20 MB; the cap leaves room for more and stops a file that is not history.
   */
  history: { bytes: 64 * MiB, what: 'a history file' },
  /**
   * The logo is copied to the site and embedded, base64, in every share image; logos are a few
   * kilobytes.
   */
  logo: { bytes: 1 * MiB, what: 'the logo' },
} as const satisfies Record<string, ContentLimit>;

/** A content file that is refused: `path` as given, `reason` in words ("is a folder, not a file"). */
export class ContentFileError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ContentFileError';
    this.path = path;
    this.reason = reason;
    // The message says which file and why; a stack of our own frames would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Where a content file must be and how large it may be. */
export interface ContentFileOptions {
  /** The folder the file must really be inside, once every link on its path is followed. */
  within: string;
  limit: ContentLimit;
}

/**
 * A content file's bytes. Throws a `ContentFileError` for a file that leads outside `within`, is
 * not a regular file, or is larger than the limit; a missing file throws Node's ENOENT error.
 */
export function readContentBytes(path: string, options: ContentFileOptions): Buffer {
  const real = realpathSync(path);
  const folder = realpathSync(options.within);
  const inside = relative(folder, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new ContentFileError(
      path,
      'is a link that leads outside the content folder; put the file itself in the folder',
    );
  }
  // Checked before opening: opening a named pipe would wait for a writer for ever.
  refuseUnlessSmallFile(path, statSync(real), options.limit);
  const fd = openSync(real, 'r');
  try {
    // Checked again on what was opened, in case the path changed in between.
    const stats = fstatSync(fd);
    refuseUnlessSmallFile(path, stats, options.limit);
    // One byte more than allowed, so that a file that grew meanwhile is caught too.
    const buffer = Buffer.alloc(Math.min(stats.size, options.limit.bytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > options.limit.bytes) refuseSize(path, length, options.limit);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** A content file's text (UTF-8), cleaned; refused as `readContentBytes` refuses. */
export function readContentText(path: string, options: ContentFileOptions): string {
  return cleanText(readContentBytes(path, options).toString('utf8'));
}

/** As `readContentText`, or undefined when there is no file. */
export function readContentTextIfExists(
  path: string,
  options: ContentFileOptions,
): string | undefined {
  try {
    return readContentText(path, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function refuseUnlessSmallFile(path: string, stats: Stats, limit: ContentLimit): void {
  if (!stats.isFile()) throw new ContentFileError(path, `is ${kindOf(stats)}, not a file`);
  if (stats.size > limit.bytes) refuseSize(path, stats.size, limit);
}

function refuseSize(path: string, size: number, limit: ContentLimit): never {
  throw new ContentFileError(
    path,
    `is ${megabytes(size)}, larger than the ${megabytes(limit.bytes)} ${limit.what} may be`,
  );
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

/** "10.5 MB", "1 MB", "0.2 MB": sizes as a person reads them (MiB, shown as MB). */
function megabytes(bytes: number): string {
  return `${Number((bytes / MiB).toFixed(1))} MB`;
}
