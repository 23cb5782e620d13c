/** Reading a built site in tests: its pages, their text and their links. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inlineCode } from '../../src/lib/browser/inline-scripts.ts';

/**
 * The site's own script element, exactly as the home page carries it (LastChecked.astro): the one
 * script the site ships, which tests of "no script" set apart by its exact text.
 */
export const OWN_SCRIPT = `<script>${inlineCode(
  readFileSync(new URL('../../src/lib/browser/last-checked.js', import.meta.url), 'utf8'),
)}</script>`;

/** Every file of a built site, by its path in the site. */
export function distFiles(dist: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [
        relative(dist, join(e.parentPath, e.name)),
        readFileSync(join(e.parentPath, e.name)),
      ]),
  );
}

/** Every HTML file under a dist folder. */
export function htmlFiles(dist: string): string[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

/** The file a site path is served from (`/x/` → `x/index.html`), relative to the base. */
export function fileOf(dist: string, path: string): string {
  const clean = decodeURIComponent(path.split('#')[0]!.split('?')[0]!);
  return join(dist, clean.endsWith('/') ? `${clean}index.html` : clean);
}

/** The HTML of a page by its site path, with white space around tags removed (`tight`). */
export function readPage(dist: string, path: string): string {
  return tight(readFileSync(fileOf(dist, path), 'utf8'));
}

/** Removes white space next to tags and folds the rest, so assertions need not follow layout. */
export function tight(html: string): string {
  return html.replace(/\s*(<[^>]+>)\s*/g, '$1').replace(/\s+/g, ' ');
}

/** Text content of the first element with this tag (tags stripped, entities of &, <, > decoded). */
export function textOf(html: string, tag: string): string {
  const m = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  return (m?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Every `href` and `src` value in a page. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
