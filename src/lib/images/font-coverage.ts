/**
 * The characters a font can draw, read from its `cmap` table, so that text the share-image fonts
 * lack is replaced before satori meets it (satori would draw a "no glyph" box, or ask for a font
 * the build cannot fetch). Reads WOFF 1.0 (zlib-compressed tables) and plain TrueType/OpenType.
 * Specs: https://www.w3.org/TR/WOFF/ (table directory) and
 * https://learn.microsoft.com/en-us/typography/opentype/spec/cmap (formats 4 and 12).
 */
import { inflateSync } from 'node:zlib';

/** Code points a font maps to a real glyph (glyph 0 is "missing glyph"). */
export function fontCoverage(data: Uint8Array): Set<number> {
  const cmap = readTable(data, 'cmap');
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const records = view.getUint16(2);
  // Prefer a full-Unicode subtable (format 12), else the BMP one (format 4).
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < records; i++) {
    const platform = view.getUint16(4 + i * 8);
    const encoding = view.getUint16(6 + i * 8);
    const offset = view.getUint32(8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(offset);
    if (format === 12 && best?.format !== 12) best = { offset, format };
    else if (format === 4 && !best) best = { offset, format };
  }
  if (!best) throw new Error('the font has no Unicode cmap subtable of format 4 or 12');
  return best.format === 12 ? format12(view, best.offset) : format4(view, best.offset);
}

/** Segmented mapping to 16-bit values (the BMP). */
function format4(view: DataView, at: number): Set<number> {
  const out = new Set<number>();
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
  return out;
}

/** Segmented coverage of all of Unicode. */
function format12(view: DataView, at: number): Set<number> {
  const out = new Set<number>();
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const start = view.getUint32(at + 16 + g * 12);
    const end = view.getUint32(at + 20 + g * 12);
    const firstGlyph = view.getUint32(at + 24 + g * 12);
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) out.add(c);
  }
  return out;
}

/** One table of a WOFF or sfnt font, decompressed. */
function readTable(data: Uint8Array, tag: string): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const signature = String.fromCharCode(...data.subarray(0, 4));
  const woff = signature === 'wOFF';
  if (signature === 'wOF2') throw new Error('WOFF2 fonts are not supported: use the .woff files');
  const count = view.getUint16(woff ? 12 : 4);
  const first = woff ? 44 : 12;
  const size = woff ? 20 : 16;
  for (let i = 0; i < count; i++) {
    const entry = first + i * size;
    if (String.fromCharCode(...data.subarray(entry, entry + 4)) !== tag) continue;
    if (!woff) {
      const offset = view.getUint32(entry + 8);
      return data.subarray(offset, offset + view.getUint32(entry + 12));
    }
    const offset = view.getUint32(entry + 4);
    const compressed = view.getUint32(entry + 8);
    const original = view.getUint32(entry + 12);
    const bytes = data.subarray(offset, offset + compressed);
    return compressed < original ? inflateSync(bytes) : bytes;
  }
  throw new Error(`the font has no "${tag}" table`);
}
