/**
 * Strict feed parsing for the tests. feedsmith is lenient by design and has no strict mode, so the
 * strictness is added around it: the XML must be well-formed (fast-xml-parser's validator), the
 * format-specific parser must accept it, and every date must be exactly RFC 822 (RSS) or RFC 3339
 * (Atom, JSON Feed): the parsers hand each date to a function that throws on anything else.
 */
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|[+-]\d{4})$/;
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** An RFC 822 date-time (with a four-digit year, as RSS 2.0 advises), or an error. */
export function rfc822(raw: string): Date {
  const m = RFC_822.exec(raw);
  const date = new Date(raw);
  if (!m || Number.isNaN(date.getTime())) throw new Error(`not an RFC 822 date: "${raw}"`);
  // The weekday must be the date's own (a wrong one is still "parsed" by Date).
  if (m[8] === 'GMT' || m[8] === 'UT') {
    if (DAYS[date.getUTCDay()] !== m[1]) throw new Error(`wrong weekday in "${raw}"`);
    if (date.getUTCDate() !== Number(m[2])) throw new Error(`no such day: "${raw}"`);
  }
  return date;
}

/** An RFC 3339 date-time, or an error. */
export function rfc3339(raw: string): Date {
  const m = RFC_3339.exec(raw);
  const date = new Date(raw);
  if (!m || Number.isNaN(date.getTime())) throw new Error(`not an RFC 3339 date: "${raw}"`);
  if (m[8] === 'Z' && date.toISOString().slice(0, 19) !== raw.slice(0, 19)) {
    throw new Error(`no such time: "${raw}"`);
  }
  return date;
}

/**
 * A character XML 1.0 does not allow anywhere in a document (https://www.w3.org/TR/xml/#charsets):
 * C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. fast-xml-parser's validator
 * does not look at characters, so this is checked here, raw and as character references.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a code point is an XML 1.0 `Char`. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function wellFormed(xml: string): void {
  const raw = NOT_XML_CHAR.exec(xml);
  if (raw) {
    const code = raw[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new Error(`not well-formed XML: character U+${code} at offset ${raw.index}`);
  }
  for (const m of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (!isXmlChar(code)) throw new Error(`not well-formed XML: reference ${m[0]} at ${m.index}`);
  }
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    throw new Error(
      `not well-formed XML: ${result.err.msg} at ${result.err.line}:${result.err.col}`,
    );
  }
}

/** An RSS 2.0 document, strictly. */
export function parseRssStrict(xml: string) {
  wellFormed(xml);
  return parseRssFeed(xml, { parseDateFn: rfc822 });
}

/** An Atom document, strictly. */
export function parseAtomStrict(xml: string) {
  wellFormed(xml);
  return parseAtomFeed(xml, { parseDateFn: rfc3339 });
}

/** A JSON Feed document, strictly (JSON.parse first, so that any syntax error surfaces). */
export function parseJsonFeedStrict(text: string) {
  JSON.parse(text);
  return parseJsonFeed(text, { parseDateFn: rfc3339 });
}
