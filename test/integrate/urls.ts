/**
 * URL checks on one build: every URL of the site's own origin in any file of dist/ (pages, feeds,
 * API, calendar, badges) stays under the base and leads to a file, and its #fragment to an element.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileOf, linksOf, tight } from '../support/dist.ts';
import { ORIGIN, type Variant } from './built.ts';

const TEXT_FILE = /\.(html|xml|json|ics|svg)$/;

/** Every URL of the site in a file: absolute ones on its origin, and root-relative links in HTML. */
function siteUrlsOf(file: string, text: string): string[] {
  // Folded calendar lines would cut URLs in two; escaped HTML inside XML would hide their end.
  const plain = file.endsWith('.ics') ? text.replace(/\r\n[ \t]/g, '') : decodeEntities(text);
  const absolute = [...plain.matchAll(/https?:\/\/[^\s"'<>\\]+/g)]
    .map((m) => m[0])
    .filter((u) => new URL(u).origin === ORIGIN)
    .map((u) => u.slice(ORIGIN.length));
  const relativeLinks = file.endsWith('.html')
    ? linksOf(tight(text)).filter((l) => l.startsWith('/') && !l.startsWith('//'))
    : [];
  return [...absolute, ...relativeLinks];
}

export function urlChecks(v: Variant): void {
  describe('URLs', () => {
    test('every URL of the site in dist/ stays under the base and resolves', () => {
      const dist = v.site().dist;
      const files = readdirSync(dist, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && TEXT_FILE.test(e.name))
        .map((e) => join(e.parentPath, e.name));
      const problems: string[] = [];
      const pages = new Map<string, string>();
      let checked = 0;
      for (const file of files) {
        const where = relative(dist, file);
        for (const url of siteUrlsOf(file, readFileSync(file, 'utf8'))) {
          checked++;
          if (!url.startsWith(v.base)) {
            problems.push(`${where}: ${url} is outside the base ${v.base}`);
            continue;
          }
          const [path, fragment] = url.slice(v.base.length - 1).split('#') as [string, string?];
          const target = fileOf(dist, path || '/');
          if (!existsSync(target)) {
            problems.push(`${where}: ${url} leads to no file`);
            continue;
          }
          if (!fragment) continue;
          let html = pages.get(target);
          if (html === undefined) {
            html = readFileSync(target, 'utf8');
            pages.set(target, html);
          }
          if (!html.includes(`id="${fragment}"`)) {
            problems.push(`${where}: ${url} has no #${fragment} target`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
    });
  });
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
