/**
 * Every link in the built site leads somewhere: internal paths and fragments resolve to files in
 * dist/, absolute URLs on the site's own origin stay under its base — at the root and, in a
 * second build, under a sub-path as on a GitHub Pages project site.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';
import { fileOf, htmlFiles, linksOf, tight } from '../support/dist.ts';

const ORIGIN = 'https://status.fornoaurora.example';

/** Problems with the links of one built site served under `base`. */
function brokenLinks(dist: string, base: string): string[] {
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

describe('site at the domain root', () => {
  test('every internal link and fragment resolves', () => {
    const site = inject('exampleSite');
    expect(brokenLinks(site.dist, '/')).toEqual([]);
  });
});

describe('site under a sub-path', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildExampleSite({
      adjust: (content) => {
        const file = join(content, 'heliograph.yaml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('  base: /\n', '  base: /status/\n'),
        );
      },
    });
  });
  afterAll(() => removeSite(site));

  test('every link stays under /status/ and resolves', () => {
    const home = readFileSync(join(site.dist, 'index.html'), 'utf8');
    expect(home).toContain('href="/status/components/website/"');
    expect(home).toContain(`<link rel="canonical" href="${ORIGIN}/status/">`);
    expect(brokenLinks(site.dist, '/status/')).toEqual([]);
  });
});
