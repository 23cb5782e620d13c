/**
 * A light home page: under 1,000 elements, within its first round trip of 14,600 bytes gzipped,
 * on the example and on a site of 50 components from the benchmarks' generator (whose home page
 * shows one bar per group). Elements are counted as the benchmark counts them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { countElements } from '../../scripts/lib/html-elements.ts';
import { writeLargeSite } from '../../scripts/lib/large-site.ts';

/** The benchmark's budgets (scripts/bench.ts, TARGETS). */
const MAX_ELEMENTS = 1_000;
const MAX_GZIP = 14_600;
const NOW = '2026-11-21T09:00:00Z';

const example = inject('exampleSite');
let large = '';

beforeAll(async () => {
  large = mkdtempSync(join(tmpdir(), 'heliograph-50-'));
  const content = join(large, 'content');
  mkdirSync(content, { recursive: true });
  // 50 components in 5 groups, as the benchmarks; fewer incidents and days keep the build short.
  writeLargeSite({
    out: content,
    now: Date.parse(NOW),
    incidents: 60,
    components: 50,
    days: 30,
    sampleDays: 2,
    seed: 14,
  });
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
