/**
 * Honest numbers on a young site: six minutes after the first probe run, a period longer than the
 * record says since when its figure runs and that it is of the time observed, the longer periods
 * do not repeat it, the response chart says there is not enough data instead of drawing empty
 * axes, the day-by-day table folds the days before the record into one row, and a component that
 * nothing monitors shows as "not monitored" — no colour, no uptime — while the Statuspage API
 * still says `operational`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { readPage } from '../support/dist.ts';

const NOW = '2026-11-21T09:00:00Z';
let root = '';
let dist = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'heliograph-young-'));
  const content = join(root, 'content');
  dist = join(root, 'dist');
  mkdirSync(join(content, 'history'), { recursive: true });
  writeFileSync(
    join(content, 'heliograph.yaml'),
    `site:
  title: New bakery
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: website
    name: Website
    checks: [{ type: http, url: "https://example.com/" }]
  - id: phone
    name: Shop phone
`,
  );
  // The first run found the site down (the bakery was still setting it up), the second up.
  writeFileSync(
    join(content, 'history', '2026-11-21.tsv'),
    'time\twebsite\n08:54\tdown - expected 2xx, got 503\n08:59\t120\n',
  );
  await buildSite({ content, out: dist, now: NOW });
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a component six minutes old', () => {
  test('its page gives one uptime figure, since the record began, of the time observed', () => {
    const page = readPage(dist, '/components/website/');
    const facts = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(page)?.[1] ?? '';
    const rows = [...facts.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    // 08:54–08:59 down, 08:59–09:00 up: 1 minute up of 6 observed.
    expect(rows).toEqual([['Since Nov 21', '16.66 % of the time observed']]);
    expect(page).not.toContain('Last 90 days');
  });

  test('its bar on the home page says since when', () => {
    const home = readPage(dist, '/');
    expect(home).toContain('<a href="/components/website/#days">16.66 % uptime since Nov 21</a>');
  });

  test('one hourly mean draws no chart: the page says there is not enough data yet', () => {
    const page = readPage(dist, '/components/website/');
    expect(page).not.toContain('<svg class="chart"');
    expect(page).toContain('Not enough data for a chart yet');
  });

  test('the days before the record are one row of no data', () => {
    const page = readPage(dist, '/components/website/');
    const rows = [...page.matchAll(/<tr id="d[^"]+">([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>|<td\/>/g)].map((c) =>
        (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
      ),
    );
    expect(rows).toEqual([
      ['Nov 21, 2026', '16.66 % uptime', 'Major outage', ''],
      // (Read tight: the page has spaces around the dash.)
      ['Aug 24, 2026–Nov 20, 2026', 'no data', 'No data', ''],
    ]);
  });
});

describe('a component nothing monitors', () => {
  test('shows as not monitored on the home page: no colour of a status, no bar, no figure', () => {
    const home = readPage(dist, '/');
    const row =
      /<div class="comp"><div class="row"><a href="\/components\/phone\/">[\s\S]*?<\/div>(?=<div class="comp"|<\/section>)/.exec(
        home,
      )?.[0] ?? '';
    expect(row).toContain('<span class="st not_monitored">Not monitored</span>');
    expect(row).not.toContain('class="bar"');
    expect(row).not.toContain('%');
  });

  test('its page says why, with no uptime', () => {
    const page = readPage(dist, '/components/phone/');
    expect(page).toContain('<span class="st not_monitored">Not monitored</span>');
    expect(page).toContain('Nothing watches this component yet');
    expect(page).not.toContain('<dl class="facts">');
    expect(page).not.toContain(' % ');
  });

  test('the Statuspage API, whose clients know no other word, still says operational', () => {
    const { components } = JSON.parse(
      readFileSync(join(dist, 'api/v2/components.json'), 'utf8'),
    ) as { components: { id: string; status: string }[] };
    expect(components.find((c) => c.id === 'phone')?.status).toBe('operational');
  });
});
