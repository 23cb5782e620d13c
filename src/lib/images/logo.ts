/** The site's logo as the share images embed it: a data URI, and a hash of its bytes for the cache key. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A logo ready for satori. */
export interface LogoImage {
  dataUri: string;
  /** SHA-256 of the file. */
  hash: string;
}

/** Reads the logo file (SVG or PNG, as the configuration allows). */
export function loadLogo(file: string): LogoImage {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read the site logo ${file} for the share images`, { cause: error });
  }
  const type = file.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
  return {
    dataUri: `data:${type};base64,${data.toString('base64')}`,
    hash: createHash('sha256').update(data).digest('hex'),
  };
}
