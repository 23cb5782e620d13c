/** The site's logo as the share images embed it: a data URI, and a hash of its bytes for the cache key. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CONTENT_LIMITS, ContentFileError, readContentBytes } from '../fs/content-file.ts';

/** A logo ready for satori. */
export interface LogoImage {
  dataUri: string;
  /** SHA-256 of the file. */
  hash: string;
}

/**
 * Reads the logo file (SVG or PNG, as the configuration allows) from the content folder; a logo
 * that leads outside it, is not a file or is too large is refused, naming the file.
 */
export function loadLogo(contentDir: string, name: string): LogoImage {
  let data: Buffer;
  try {
    data = readLogo(contentDir, name);
  } catch (error) {
    // A refused logo already says which file and why.
    if (error instanceof ContentFileError) throw error;
    throw new Error(`cannot read the site logo ${join(contentDir, name)} for the share images`, {
      cause: error,
    });
  }
  const type = name.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
  return {
    dataUri: `data:${type};base64,${data.toString('base64')}`,
    hash: createHash('sha256').update(data).digest('hex'),
  };
}

/** The logo's bytes, as the site copies them and the share images embed them. */
export function readLogo(contentDir: string, name: string): Buffer {
  return readContentBytes(join(contentDir, name), {
    within: contentDir,
    limit: CONTENT_LIMITS.logo,
  });
}
