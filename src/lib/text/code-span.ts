/**
 * Text that must go into a Markdown field as it is — a third party's words in a GitHub issue, a
 * reason in a job summary — written as a code span (https://spec.commonmark.org/0.31.2/#code-spans):
 * inside one, nothing is Markdown, so a link, an image or an `@team` mention stays plain text.
 */

/** The text as one inline code span; line breaks become spaces, as a code span shows them. */
export function codeSpan(text: string): string {
  const line = text.replace(/\r\n?|\n/g, ' ');
  if (line === '') return '';
  // A fence one backtick longer than the longest run inside, so that no run inside closes it.
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a backtick at either end from joining the fence; CommonMark
  // removes one such pair of spaces, so the text shows as it is.
  const pad = line.startsWith('`') || line.endsWith('`') || /^ .* $/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
