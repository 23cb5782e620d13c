/**
 * The site's pages work without JavaScript; the home page alone carries one small inline script
 * (last-checked.js), and nothing is ever loaded from a file. What it may weigh, and how a built
 * page's scripts are found, for the tests and the weight benchmark alike.
 */

/**
 * The most the home page's inline script may weigh, gzipped: it shares the page's first 14 KB
 * round trip with the status itself, which must not be pushed out by an enhancement.
 */
export const INLINE_SCRIPT_GZIP_BUDGET = 600;

/**
 * A script's code as a page carries it: the file's opening `//` comment (which says why the
 * script exists) left out, as it would only add bytes to every visit.
 */
export function inlineCode(source: string): string {
  return source.replace(/^(\/\/.*\n)+/, '');
}

/** A page's scripts: the code of inline ones, and the `src` of any loaded from a file. */
export function pageScripts(html: string): { inline: string[]; external: string[] } {
  const inline: string[] = [];
  const external: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*["']?([^"' >]+)/i.exec(m[1] ?? '')?.[1];
    if (src !== undefined) external.push(src);
    else inline.push(m[2] ?? '');
  }
  return { inline, external };
}
