/**
 * How each channel counts the length of a post, as the channels document it:
 * - X: 280 "weighted" characters; a link counts 23 whatever its length (t.co), an emoji counts 2,
 *   and characters outside Latin and common punctuation count 2.
 * - Bluesky: 300 graphemes, links counted in full.
 * - Mastodon: 500 characters; a link counts 23.
 * - SMS: 160 characters of the GSM 03.38 alphabet (the extension table's characters count 2); a
 *   message with any character outside it is sent as UCS-2 and may hold 70 UTF-16 units.
 * - E-mail subject: 78 characters (RFC 5322's recommended line length).
 */

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Text in which each UTF-16 unit is a grapheme of its own, but for CR LF: below U+0300 (Latin
 * letters with precomposed accents, digits, the middle dot, the spacing modifiers) and the
 * typographic punctuation of U+2010–U+2027 and U+2030–U+205E (dashes, quotes, the ellipsis).
 * None of these is a combining mark, a joiner, a variation selector, a surrogate, a Hangul jamo or
 * a regional indicator, the only things that join units into one grapheme (Unicode UAX #29), so
 * such text — almost every status update — needs no segmenter, which costs a build dearly.
 */
const SIMPLE = /^[\u0000-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** Splits text into graphemes (what a reader sees as one character). */
export function splitGraphemes(text: string): string[] {
  if (!SIMPLE.test(text)) return Array.from(graphemes.segment(text), (s) => s.segment);
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      out.push('\r\n');
      i++;
    } else out.push(text[i]!);
  }
  return out;
}

/** How many graphemes a text has. */
export function graphemeCount(text: string): number {
  if (!SIMPLE.test(text)) return splitGraphemes(text).length;
  let crlf = 0;
  for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) crlf++;
  return text.length - crlf;
}

/** Links as the channels detect them: http(s) URLs up to the next white space. */
export const URL_PATTERN = /https?:\/\/[^\s]+/g;

/** Length of a link on X and Mastodon. */
export const SHORT_LINK_LENGTH = 23;

const EMOJI = /\p{Extended_Pictographic}/u;

/** X's weighted length (twitter-text v3 configuration). */
export function xLength(text: string): number {
  const { links, rest } = splitLinks(text);
  let length = links * SHORT_LINK_LENGTH;
  if (SIMPLE.test(rest)) {
    // One grapheme per unit (CR LF weighs 2 either way); no emoji is ASCII.
    for (let i = 0; i < rest.length; i++) {
      const cp = rest.charCodeAt(i);
      length += cp > 0x7f && EMOJI.test(rest[i]!) ? 2 : xWeight(cp);
    }
    return length;
  }
  for (const g of splitGraphemes(rest)) {
    if (EMOJI.test(g)) {
      length += 2;
      continue;
    }
    for (const ch of g) length += xWeight(ch.codePointAt(0) ?? 0);
  }
  return length;
}

function xWeight(cp: number): number {
  const light =
    cp <= 4351 ||
    (cp >= 8192 && cp <= 8205) ||
    (cp >= 8208 && cp <= 8223) ||
    (cp >= 8242 && cp <= 8247);
  return light ? 1 : 2;
}

/** Mastodon's length: characters, with each link counting 23. */
export function mastodonLength(text: string): number {
  const { links, rest } = splitLinks(text);
  return links * SHORT_LINK_LENGTH + [...rest].length;
}

/** How many links a text has, and the text without them (both networks count a link as 23). */
function splitLinks(text: string): { links: number; rest: string } {
  const links = text.match(URL_PATTERN) ?? [];
  return { links: links.length, rest: text.replace(URL_PATTERN, '') };
}

/** Bluesky's length: graphemes. */
export function blueskyLength(text: string): number {
  return graphemeCount(text);
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';
const GSM_SET = new Set([...GSM_BASIC]);
const GSM_EXT_SET = new Set([...GSM_EXTENDED]);

/** Whether the text can be sent in the GSM 7-bit alphabet. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_SET.has(ch) && !GSM_EXT_SET.has(ch)) return false;
  return true;
}

/** An SMS's length and the limit of one message in its encoding. */
export function smsLength(text: string): { length: number; limit: number } {
  if (isGsm7(text)) {
    let length = 0;
    for (const ch of text) length += GSM_EXT_SET.has(ch) ? 2 : 1;
    return { length, limit: 160 };
  }
  return { length: text.length, limit: 70 };
}

/**
 * Text made fit for the GSM alphabet where it can be without losing meaning: accents that GSM
 * lacks are dropped (ç → c, ê → e), typographic quotes and dashes become plain ones, and emoji go.
 * Scripts GSM cannot write (Greek lower case, Cyrillic, CJK…) stay, and the SMS goes as UCS-2.
 */
export function toGsmFriendly(text: string): string {
  let out = '';
  for (const g of splitGraphemes(text)) {
    if (EMOJI.test(g)) continue;
    if (isGsm7(g)) {
      out += g;
      continue;
    }
    const replaced = REPLACEMENTS[g] ?? g.normalize('NFD').replace(/\p{Mn}/gu, '');
    out += isGsm7(replaced) ? replaced : g;
  }
  return out.replace(/ {2,}/g, ' ');
}

const REPLACEMENTS: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '·': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  œ: 'oe',
  Œ: 'OE',
};
