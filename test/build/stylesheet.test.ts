/**
 * One stylesheet: inline on the home page (its first round trip holds all it needs), one shared
 * file linked by every other page, named by a hash of its content, never repeated inline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, inject, test } from 'vitest';
import { htmlFiles } from '../support/dist.ts';

const site = inject('exampleSite');
const home = readFileSync(join(site.dist, 'index.html'), 'utf8');
const inline = [...home.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);

test('the home page carries the stylesheet inline and links none', () => {
  expect(inline).toHaveLength(1);
  expect(inline[0]).toContain('prefers-color-scheme:dark');
  expect(home).not.toMatch(/rel="stylesheet"/);
});

test('every other page links the one shared file, which holds the same stylesheet', () => {
  const pages = htmlFiles(site.dist).filter((f) => f !== join(site.dist, 'index.html'));
  expect(pages.length).toBeGreaterThan(20);
  const linked = new Set<string>();
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const where = relative(site.dist, file);
    expect(html, where).not.toMatch(/<style\b/);
    const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(links, where).toHaveLength(1);
    linked.add(links[0]!);
  }
  expect([...linked]).toEqual([expect.stringMatching(/^\/site-[0-9a-f]{12}\.css$/)]);
  const css = join(site.dist, [...linked][0]!);
  expect(existsSync(css)).toBe(true);
  expect(readFileSync(css, 'utf8')).toBe(inline[0]);
});
