/**
 * A light home page: under 1,000 elements, within its first round trip of 14,600 bytes gzipped,
 * on the example and on a site of 50 components from the benchmarks' generator (whose home page
 * shows one bar per group). Elements are counted as the benchmark counts them.
 *
 * The same site has more incidents than count as recent (src/lib/model/recent.ts): a recent
 * incident's page has its share box, its own image and /share/<id>.json; an older one keeps its
 * page and every update, with the home page's image and no share box or share texts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { countElements } from '../../scripts/lib/html-elements.ts';
import { writeLargeSite } from '../../scripts/lib/large-site.ts';
import { loadSiteModel } from '../../src/lib/model/load.ts';
import { RECENT_INCIDENTS } from '../../src/lib/model/recent.ts';
import type { SiteModel } from '../../src/lib/model/site.ts';

/** The benchmark's budgets (scripts/bench.ts, TARGETS). */
const MAX_ELEMENTS = 1_000;
const MAX_GZIP = 14_600;
const NOW = '2026-11-21T09:00:00Z';

const example = inject('exampleSite');
let large = '';
let site: SiteModel;

beforeAll(async () => {
  large = mkdtempSync(join(tmpdir(), 'heliograph-50-'));
  const content = join(large, 'content');
  mkdirSync(content, { recursive: true });
  // 50 components in 5 groups, as the benchmarks; a few more incidents than are recent, and fewer
  // days, keep the build short.
  writeLargeSite({
    out: content,
    now: Date.parse(NOW),
    incidents: RECENT_INCIDENTS + 6,
    components: 50,
    days: 30,
    sampleDays: 2,
    seed: 14,
  });
  site = loadSiteModel({ contentDir: content, now: Date.parse(NOW) });
  await buildSite({ content, out: join(large, 'dist'), now: NOW });
});
afterAll(() => {
  if (large) rmSync(large, { recursive: true, force: true });
});

describe.each([
  ['the example', () => example.dist],
  ['a site of 50 components', () => join(large, 'dist')],
])('home page of %s', (_, dist) => {
  test(`has fewer than ${MAX_ELEMENTS.toLocaleString('en')} elements and fits in 14,600 bytes`, () => {
    const html = readFileSync(join(dist(), 'index.html'), 'utf8');
    expect(countElements(html)).toBeLessThan(MAX_ELEMENTS);
    expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(MAX_GZIP);
  });

  test('holds no link inside an uptime bar', () => {
    const html = readFileSync(join(dist(), 'index.html'), 'utf8');
    const bars = html.match(/<svg class="bar"[\s\S]*?<\/svg>/g) ?? [];
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) expect(bar).not.toMatch(/<a\b/);
  });
});

test('counting elements reads tags, not text or attributes that look like them', () => {
  expect(countElements('<p title="<b>">1 &lt; 2 <b>x</b></p><br>')).toBe(3);
});

describe('share texts and images for recent incidents only', () => {
  const dist = (): string => join(large, 'dist');
  const page = (id: string): string =>
    readFileSync(join(dist(), 'incidents', id, 'index.html'), 'utf8');

  test('the newest incident has a share box, share texts and an image of its own', () => {
    const newest = site.incidents[0]!;
    expect(page(newest.id)).toContain('class="share"');
    expect(existsSync(join(dist(), 'share', `${newest.id}.json`))).toBe(true);
    const files = readdirSync(join(dist(), 'incidents', newest.id));
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
  });

  test('an older resolved incident keeps its page and updates, without share box or texts', () => {
    const older = site.incidents.slice(RECENT_INCIDENTS).filter((i) => i.resolvedAt !== null);
    expect(older.length).toBeGreaterThan(0);
    for (const incident of older) {
      const html = page(incident.id);
      expect(html).toContain(incident.updates[0]!.id);
      expect(html).not.toContain('class="share"');
      expect(existsSync(join(dist(), 'share', `${incident.id}.json`))).toBe(false);
      expect(readdirSync(join(dist(), 'incidents', incident.id))).toEqual(['index.html']);
    }
    // It shows the home page's image, at the root of the site.
    const image = /og:image" content="[^"]*?(\/og-[0-9a-f]+\.png)"/.exec(page(older[0]!.id))?.[1];
    expect(image).toBeDefined();
    expect(existsSync(join(dist(), image!))).toBe(true);
  });
});
