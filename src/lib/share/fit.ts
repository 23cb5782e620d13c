/**
 * Fitting a message into a channel's limit: its pieces give way in order of priority, first
 * shortened at a word boundary with an ellipsis, then dropped. A cut never falls inside a link or a
 * grapheme; a single word too long to fit is cut between graphemes.
 */
import { splitGraphemes, URL_PATTERN } from './measure.ts';

/** One part of a message. */
export interface Piece {
  text: string;
  /** Lower gives way first. */
  priority: number;
  /** May be shortened; otherwise it is kept whole or dropped. */
  cuttable: boolean;
  /** Never dropped (the link). A required piece that is also cuttable is shortened as a last resort. */
  required?: boolean;
}

export interface FitOptions {
  /** Joins the pieces' texts (empty ones are dropped pieces) into the message. */
  compose: (texts: readonly string[]) => string;
  /** By how much the message is over the limit (≤ 0: it fits). */
  overflow: (message: string) => number;
  ellipsis: string;
  /** Words a cut never leaves at the end, compared in lower case (joining words: "and", "e"). */
  dangling?: readonly string[] | undefined;
}

/** Words longer than this may be cut between graphemes. */
const LONG_WORD = 25;

const words = new Intl.Segmenter('en', { granularity: 'word' });

/** The message, fitted. Returns the composed text of whatever could be kept. */
export function fit(pieces: readonly Piece[], options: FitOptions): string {
  const texts = pieces.map((p) => p.text);
  const compose = (): string => options.compose(texts);
  const order = pieces
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.priority - b.p.priority || b.i - a.i);
  for (const { p, i } of order) {
    if (options.overflow(compose()) <= 0) break;
    if (p.cuttable) {
      const original = texts[i]!;
      texts[i] = shorten(
        original,
        options.ellipsis,
        (candidate) => {
          texts[i] = candidate;
          return options.overflow(compose()) <= 0;
        },
        options,
      );
      if (texts[i] || p.required) continue;
    }
    if (!p.required) texts[i] = '';
  }
  return compose();
}

/**
 * The longest prefix of `text` ending at a cut point, plus the ellipsis, that `fits`; '' if none.
 * The whole text is tried first. A cut that would end on one of the `dangling` words is no cut
 * point: "WhatsApp and…" promises a name it does not give.
 */
export function shorten(
  text: string,
  ellipsis: string,
  fits: (candidate: string) => boolean,
  options: { dangling?: readonly string[] | undefined } = {},
): string {
  if (fits(text)) return text;
  const dangling = new Set(options.dangling?.map((w) => w.toLowerCase()));
  const cuts = cutPoints(text).filter(
    (cut) => !dangling.has(lastWord(tidyEnd(text.slice(0, cut)))),
  );
  let lo = 0;
  let hi = cuts.length - 1;
  let best = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = `${tidyEnd(text.slice(0, cuts[mid]))}${ellipsis}`;
    if (candidate !== ellipsis && fits(candidate)) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (!best) fits(''); // leave the caller's state at "dropped"
  return best;
}

/** The last word of a text, lower-case, with an elided article's apostrophe ("dell’" → "dell"). */
function lastWord(text: string): string {
  return /([\p{L}\p{N}]+)['’]?$/u.exec(text)?.[1]?.toLowerCase() ?? '';
}

/** Drops white space and punctuation left at the end of a cut, unless they end a link. */
function tidyEnd(prefix: string): string {
  const trimmed = prefix.trimEnd();
  let end = trimmed.replace(/[\s,;:.\-–—]+$/u, '').length;
  // Punctuation that ends a link is part of it: stop stripping at the link's end.
  for (const m of trimmed.matchAll(URL_PATTERN)) {
    if (end > m.index && end < m.index + m[0].length) end = m.index + m[0].length;
  }
  const kept = trimmed.slice(0, end);
  // A link at the end is kept whole, and a space keeps the ellipsis out of it.
  const last = [...kept.matchAll(URL_PATTERN)].at(-1);
  return last && last.index + last[0].length === kept.length ? `${kept} ` : kept;
}

/** Where `text` may be cut: after each word, and between graphemes of very long words; never in a link. */
export function cutPoints(text: string): number[] {
  const links: [number, number][] = [...text.matchAll(URL_PATTERN)].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
  const inLink = (pos: number): boolean => links.some(([a, b]) => pos > a && pos < b);
  const points = new Set<number>();
  for (const seg of words.segment(text)) {
    const end = seg.index + seg.segment.length;
    if (!inLink(end) && end < text.length) points.add(end);
    if (seg.isWordLike && seg.segment.length > LONG_WORD) {
      let pos = seg.index;
      for (const g of splitGraphemes(seg.segment)) {
        pos += g.length;
        if (!inLink(pos) && pos < end) points.add(pos);
      }
    }
  }
  return [...points].filter((p) => p > 0).sort((a, b) => a - b);
}
