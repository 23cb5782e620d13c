/**
 * The one scrubber: every text the project prints or writes (prober output, history, incident
 * files, shard files, GitHub issues, notification reports) passes through it with the secret
 * values of the run. A secret reaches a text in many disguises — echoed raw by a server, escaped
 * inside JSON or HTML, percent-encoded in a URL or a form, base64-encoded in a Basic-auth header —
 * and a text cut to one line can end in the first part of one. Each disguise becomes `***`.
 *
 * Scrub before cutting: a cut can split a secret so that no form of it matches any more. The
 * rule for a prefix left at a cut (below) is a second line of defence, not the first.
 */

/** What a secret is replaced with. */
export const MASK = '***';

/**
 * Secrets shorter than this are left alone: two characters cannot be told from ordinary text, and
 * masking them would garble every line (the schema asks for real secrets, which are longer).
 */
export const MIN_SECRET_LENGTH = 3;

/**
 * A text that ends, or stops at an ellipsis, with the first characters of a secret (or of one of
 * its forms) was cut inside it: from this many characters on, that prefix is masked too. Shorter
 * tails reveal next to nothing and are too often ordinary words.
 */
const MIN_CUT_PREFIX = 4;

/**
 * A base64 text that merely contains a secret (`user:password` in a Basic-auth header, a token in a
 * signed blob) encodes it at one of three alignments; the part of each alignment that depends on
 * the secret alone is masked when it is at least this long. Shorter runs would match ordinary
 * base64 by chance.
 */
const MIN_BASE64_CORE = 8;

/** Where a cut usually leaves its mark: an ellipsis (one character or three dots), a line end. */
const CUT_MARKS = /…|\.\.\.|\n/g;

/** A function that scrubs one text. */
export type Scrubber = (text: string) => string;

/** The scrubber for a set of secret values; build it once, use it for every text. */
export function createScrubber(secrets: Iterable<string>): Scrubber {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so that a long form is masked whole rather than around a shorter one inside it.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  const whole = new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  const prefixes = cutPrefixes(ordered);
  return (text) => maskCutPrefixes(text.replace(whole, MASK), prefixes);
}

let cached: { key: string; scrubber: Scrubber } | undefined;

/**
 * Scrubs `text` of every form of every secret in `secrets`. Callers that pass the same list again
 * and again (a command scrubbing each line it prints) reuse the scrubber built the first time.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const key = secrets.join('\u0000');
  if (cached?.key !== key) cached = { key, scrubber: createScrubber(secrets) };
  return cached.scrubber(text);
}

/**
 * Every form in which `secret` may appear in a text: raw; percent-encoded as
 * `encodeURIComponent`, `encodeURI`, an HTML form (`+` for spaces) and a URL's path, query,
 * user-info or fragment would encode it (hex in either case); each of these escaped as a JSON
 * string (also with `\/` and with `\uXXXX` for non-ASCII) and as HTML; and base64 and base64url
 * (padded or not), whole and at each alignment inside a longer base64 text.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const encoded of percentForms(secret)) {
    for (const form of escapedForms(encoded)) forms.add(form);
  }
  for (const form of base64Forms(secret)) forms.add(form);
  return [...forms];
}

/** The raw secret and its percent-encoded forms, hex in upper and lower case. */
function percentForms(secret: string): string[] {
  const out = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]);
  try {
    out.add(encodeURI(secret));
  } catch {
    // A lone surrogate cannot be encoded by encodeURI: that form cannot occur.
  }
  const url = new URL('http://host/');
  url.pathname = `/${secret}`;
  out.add(url.pathname.slice(1));
  url.search = secret;
  out.add(url.search.slice(1));
  url.hash = secret;
  out.add(url.hash.slice(1));
  url.password = secret;
  out.add(url.password);
  for (const form of [...out]) out.add(form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  return [...out];
}

/** A text as-is, JSON-escaped (three ways) and HTML-escaped. */
function escapedForms(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  return [
    text,
    json,
    json.replace(/\//g, '\\/'),
    json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    json.replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&#34;')
      .replace(/'/g, '&#x27;'),
  ];
}

/**
 * Base64 and base64url of the secret (UTF-8), padded and not; and, for each of the three byte
 * offsets at which the secret may sit inside a longer encoded text, the run of characters that
 * encodes whole groups of its bytes only.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (const encoding of ['base64', 'base64url'] as const) {
    const whole = bytes.toString(encoding);
    out.push(whole, whole.replace(/=+$/, ''));
    for (let skip = 0; skip < 3; skip++) {
      const usable = Math.floor((bytes.length - skip) / 3) * 3;
      if (usable <= 0) continue;
      const core = bytes.subarray(skip, skip + usable).toString(encoding);
      if (core.length >= MIN_BASE64_CORE) out.push(core);
    }
  }
  return out;
}

/**
 * The prefixes of the forms that a cut may leave (from MIN_CUT_PREFIX characters to one short of
 * the whole form), by length, so that each cut costs one lookup per length.
 */
function cutPrefixes(forms: readonly string[]): Map<number, Set<string>> {
  const byLength = new Map<number, Set<string>>();
  for (const form of forms) {
    for (let k = MIN_CUT_PREFIX; k < form.length; k++) {
      let set = byLength.get(k);
      if (!set) byLength.set(k, (set = new Set()));
      set.add(form.slice(0, k));
    }
  }
  return byLength;
}

/** Masks a prefix of a form that a cut left at an ellipsis, a line end or the end of the text. */
function maskCutPrefixes(text: string, prefixes: ReadonlyMap<number, Set<string>>): string {
  const longest = Math.max(0, ...prefixes.keys());
  const cuts = [...text.matchAll(CUT_MARKS)].map((m) => m.index);
  cuts.push(text.length);
  let out = text;
  // Right to left, so that each replacement leaves the positions of the cuts before it valid.
  for (const cut of cuts.reverse()) {
    for (let k = Math.min(longest, cut); k >= MIN_CUT_PREFIX; k--) {
      if (prefixes.get(k)?.has(out.slice(cut - k, cut))) {
        out = `${out.slice(0, cut - k)}${MASK}${out.slice(cut)}`;
        break;
      }
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
