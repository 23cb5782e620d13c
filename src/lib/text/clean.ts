/**
 * Text from outside — content files, GitHub issues and comments, third-party status pages, what a
 * checked server answers — made fit to keep and to publish. A terminal's escape sequences (ANSI
 * colours), control characters, lone UTF-16 surrogates and the characters XML 1.0 forbids
 * (https://www.w3.org/TR/xml/#charsets) would otherwise reach the feeds, where a single one makes
 * the whole document ill-formed for every reader, and garble pages, issues and logs. Each input
 * edge cleans what it reads, once, with `cleanText`.
 *
 * Kept: tab, line feed and every printable character. A carriage return is a line break: CR LF
 * stays as it is (a file saved on Windows stays one), a lone CR becomes LF.
 */

/**
 * ECMA-48 sequences a terminal reads rather than shows, removed whole so that no `[31m` is left
 * behind: CSI (`ESC [` or the one-byte C1 form, parameters, a final byte), and OSC (`ESC ]`, a
 * terminal title or link, up to BEL or `ESC \`). An OSC without its end loses only its `ESC`: the
 * rest may be text that matters.
 */
const ESCAPE_SEQUENCES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * What is dropped character by character: C0 controls but tab, LF and CR; DEL and the C1 controls
 * (U+007F–U+009F, which XML 1.1 forbids and XML 1.0 discourages); U+FFFE and U+FFFF, which XML 1.0
 * forbids; and a high surrogate without its low half, or a low one without its high half.
 */
const DROPPED =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A lone carriage return: a line break written the old Mac way, or one half of nothing. */
const LONE_CR = /\r(?!\n)/g;

/** Whether a text holds anything to clean; most texts do not, and are returned as they are. */
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]/;

/** The text without escape sequences, control characters, lone surrogates and XML-forbidden ones. */
export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, '').replace(LONE_CR, '\n').replace(DROPPED, '');
}

/** Every string in a value parsed from outside (YAML, JSON), cleaned; other values as they are. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [cleanText(key), cleanStrings(item)]),
    );
  }
  return value;
}
