/** Reading PNGs in tests. */
import { PNG } from 'pngjs';

/** Decodes a PNG (throws on a damaged file). */
export function decodePng(data: Buffer): PNG {
  return PNG.sync.read(data);
}

/** How many different RGBA colours the image has, counting up to `limit`. */
export function distinctColours(png: PNG, limit = 64): number {
  const seen = new Set<number>();
  const { data } = png;
  for (let i = 0; i < data.length && seen.size < limit; i += 4) {
    seen.add(((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0);
  }
  return seen.size;
}
