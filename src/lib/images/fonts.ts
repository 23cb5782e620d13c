/**
 * The share images' fonts: Inter from the @fontsource/inter package, Latin and Latin Extended
 * subsets (so Italian, French and most European names render), regular and bold. Satori reads
 * WOFF but not WOFF2, hence the `.woff` files. The two subsets get different family names: satori
 * then falls back from one to the other per character, where two faces of one name would not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'satori';
import { fontCoverage } from './font-coverage.ts';

/** The font stack of every template: Latin first, then Latin Extended. */
export const FONT_FAMILY = 'Inter, Inter Ext';

/** The files, by family and weight. */
const FILES: readonly { name: string; subset: string; weight: 400 | 700 }[] = [
  { name: 'Inter', subset: 'latin', weight: 400 },
  { name: 'Inter', subset: 'latin', weight: 700 },
  { name: 'Inter Ext', subset: 'latin-ext', weight: 400 },
  { name: 'Inter Ext', subset: 'latin-ext', weight: 700 },
];

/** Loaded fonts, what they can draw, and a hash of their bytes for the image cache key. */
export interface FontSet {
  fonts: Font[];
  /** Code points that every weight can draw (text is drawn in both). */
  covers: (codePoint: number) => boolean;
  /** SHA-256 of all font files, in order. */
  hash: string;
}

let loaded: FontSet | undefined;

/** The fonts, read once per process. */
export function loadFonts(): FontSet {
  loaded ??= readFonts();
  return loaded;
}

function readFonts(): FontSet {
  const require = createRequire(import.meta.url);
  const hash = createHash('sha256');
  const coverage = new Map<number, Set<number>>();
  const fonts = FILES.map(({ name, subset, weight }) => {
    const file = require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read the share-image font ${file}`, { cause: error });
    }
    hash.update(data);
    const set = coverage.get(weight) ?? new Set<number>();
    for (const c of fontCoverage(data)) set.add(c);
    coverage.set(weight, set);
    return { name, data, weight, style: 'normal' } satisfies Font;
  });
  const [regular, bold] = [coverage.get(400)!, coverage.get(700)!];
  return {
    fonts,
    covers: (c) => regular.has(c) && bold.has(c),
    hash: hash.digest('hex'),
  };
}
