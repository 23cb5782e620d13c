/**
 * Content lines of iCalendar are at most 75 octets, longer ones folded with CRLF and a space
 * (RFC 5545 §3.1). `ics` folds at 75 characters, which overflows as soon as a line holds a
 * non-ASCII letter ("Manutenzione più lunga…"), so its output is unfolded and folded again here.
 */

/** Octets a content line may hold, the line break excluded (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

/** Folds every line of an iCalendar text at 75 octets, never inside a UTF-8 sequence. */
export function foldCalendar(text: string): string {
  return unfold(text)
    .split('\r\n')
    .map((line) => foldLine(line))
    .join('\r\n');
}

/** Joins folded lines back (a CRLF followed by a space or a tab continues the line). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/** One content line folded: the first part up to 75 octets, each continuation a space and 74. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      parts.push(part);
      part = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
