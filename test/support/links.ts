/**
 * Checking the links of a built site: internal paths and fragments resolve to files in dist/,
 * absolute URLs on the site's own origin stay under its base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ORIGIN } from '../integrate/built.ts';
import { fileOf, htmlFiles, linksOf, tight } from './dist.ts';

/** Problems with the links of one built site served under `base`. */
export function brokenLinks(dist: string, base: string): string[] {
  const problems: string[] = [];
  const pages = new Map(htmlFiles(dist).map((f) => [f, tight(readFileSync(f, 'utf8'))]));
  for (const [file, html] of pages) {
    const where = file.slice(dist.length);
    for (let link of linksOf(html)) {
      if (link.startsWith(ORIGIN)) link = link.slice(ORIGIN.length);
      if (/^(https?:|mailto:|tel:)/.test(link)) continue;
      if (link.startsWith('#')) {
        if (!html.includes(`id="${link.slice(1)}"`))
          problems.push(`${where}: ${link} has no target on the page`);
        continue;
      }
      if (!link.startsWith(base)) {
        problems.push(`${where}: ${link} is outside the base ${base}`);
        continue;
      }
      const [path, fragment] = link.slice(base.length - 1).split('#') as [string, string?];
      const target = fileOf(dist, path || '/');
      if (!existsSync(target)) {
        problems.push(`${where}: ${link} leads to no file`);
        continue;
      }
      if (fragment) {
        const targetHtml = pages.get(target) ?? '';
        if (!targetHtml.includes(`id="${fragment}"`))
          problems.push(`${where}: ${link} has no #${fragment} target`);
      }
    }
  }
  return problems;
}
