/**
 * Share texts and images are for incidents that are news (src/lib/model/recent.ts): on a site of
 * more than RECENT_INCIDENTS incidents, a recent incident's page has its share box, its own image
 * and /share/<id>.json; an older one keeps its page and every update, with the home page's image
 * and no share box or share texts.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { writeLargeSite } from '../../scripts/lib/large-site.ts';
import { loadSiteModel } from '../../src/lib/model/load.ts';
import { RECENT_INCIDENTS } from '../../src/lib/model/recent.ts';
import type { SiteModel } from '../../src/lib/model/site.ts';
import { PINNED_NOW } from '../support/example-site.ts';

const root = mkdtempSync(join(tmpdir(), 'heliograph-recent-'));
const content = join(root, 'content');
const dist = join(root, 'dist');
let site: SiteModel;

beforeAll(async () => {
  const now = Date.parse(PINNED_NOW);
  writeLargeSite({
    out: content,
    now,
    incidents: RECENT_INCIDENTS + 6,
    components: 2,
    groups: 1,
    days: 30,
    sampleDays: 2,
    maintenance: 0,
  });
  site = loadSiteModel({ contentDir: content, now });
  await buildSite({ content, out: dist, now: PINNED_NOW });
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (id: string): string =>
  readFileSync(join(dist, 'incidents', id, 'index.html'), 'utf8');

test('the newest incidents have a share box, share texts and an image of their own', () => {
  const newest = site.incidents[0]!;
  expect(page(newest.id)).toContain('class="share"');
  expect(existsSync(join(dist, 'share', `${newest.id}.json`))).toBe(true);
  expect(readdirSync(join(dist, 'incidents', newest.id)).some((f) => f.endsWith('.png'))).toBe(
    true,
  );
});

test('an older resolved incident keeps its page and updates, without share box or share texts', () => {
  const older = site.incidents.slice(RECENT_INCIDENTS).filter((i) => i.resolvedAt !== null);
  expect(older.length).toBeGreaterThan(0);
  for (const incident of older) {
    const html = page(incident.id);
    expect(html).toContain(incident.updates[0]!.id);
    expect(html).not.toContain('class="share"');
    expect(html).toMatch(/<meta property="og:image" content="[^"]*\/og-[0-9a-f]+\.png"/);
    expect(existsSync(join(dist, 'share', `${incident.id}.json`))).toBe(false);
    expect(readdirSync(join(dist, 'incidents', incident.id))).toEqual(['index.html']);
  }
  // The shared image is the home page's, at the root of the site.
  const image = /og:image" content="[^"]*?(\/og-[0-9a-f]+\.png)"/.exec(page(older[0]!.id))![1]!;
  expect(existsSync(join(dist, image))).toBe(true);
});
