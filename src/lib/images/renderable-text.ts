/**
 * Text made safe for the share-image fonts. Editors write titles with emoji, and services have
 * names in scripts the bundled Latin fonts lack (Chinese, Arabic…); the build has no network to
 * fetch more fonts, and a missing glyph must never break it or print a "no glyph" box. The page
 * and the image's alt text keep the original words; only the picture loses what it cannot draw.
 */

/** What stands for a run of characters the fonts cannot draw. */
export const UNRENDERABLE = '…';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Emoji and flags: dropped, as decoration that adds no words. */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** Joiners and variation selectors: invisible, so dropped rather than counted as missing. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const CONTROL = /\p{Cc}/u;

/**
 * `text` with only what the fonts can draw: emoji and control characters dropped, each run of
 * other missing characters replaced by one "…", white space kept. Applied to every text of an
 * image just before drawing; text that passes it is unchanged by it.
 */
export function drawableText(text: string, covers: (codePoint: number) => boolean): string {
  let out = '';
  for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
    if (/^\s+$/u.test(segment)) {
      out += segment;
      continue;
    }
    const visible = segment.replace(IGNORABLE, '');
    if (visible === '' || CONTROL.test(visible)) continue;
    if ([...visible].every((c) => covers(c.codePointAt(0)!))) out += visible;
    else if (EMOJI.test(visible)) continue;
    else if (!out.endsWith(UNRENDERABLE)) out += UNRENDERABLE;
  }
  return out;
}

/**
 * A title or name as an image shows it: drawable (see above), runs of "…" and of white space
 * folded, trimmed. Empty when nothing readable is left, so the template can show something else.
 */
export function renderableText(text: string, covers: (codePoint: number) => boolean): string {
  const folded = drawableText(text, covers)
    .replace(/…(?:\s*…)+/gu, UNRENDERABLE)
    .replace(/\s+/gu, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(folded) ? folded : '';
}
