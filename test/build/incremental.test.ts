/**
 * Rebuilds copy the incident pages whose inputs are unchanged (astro.config.mjs,
 * src/lib/build-cache/page-key.ts), and a rebuild is the site a full build makes of the same
 * content, byte for byte: an edit of one incident, a new incident and a later build time render
 * only the pages they change. That a change every page shows (a component status, the
 * configuration) changes every key is tested on the key itself: test/unit/page-key.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../scripts/lib/build-site.ts';
import { writeExample } from '../../src/lib/example/write.ts';
import { distFiles } from '../support/dist.ts';
import { PINNED_NOW } from '../support/example-site.ts';

const root = mkdtempSync(join(tmpdir(), 'heliograph-incremental-'));
const content = join(root, 'content');
const cache = join(root, 'astro-cache');
const images = join(root, 'images');
const incidents = join(content, 'incidents');
const LATER = new Date(Date.parse(PINNED_NOW) + 90 * 60_000).toISOString();

/** An incident still open at PINNED_NOW: its page counts its duration to the build time. */
const ONGOING = `---
title: Card terminals refuse contactless payments
impact: minor
components:
  payments: degraded_performance
started_at: 2026-11-21T08:00:00Z
updates:
  - at: 2026-11-21T08:05:00Z
    status: identified
    text: Contactless payments fail at the shop; chip and PIN work.
---
`;

/** A new incident, resolved, written between two builds. */
const ADDED = `---
title: Order confirmation e-mails late
impact: minor
components:
  ordering: degraded_performance
started_at: 2026-11-21T06:00:00Z
updates:
  - at: 2026-11-21T06:10:00Z
    status: investigating
    text: Confirmation e-mails reach customers up to an hour late.
  - at: 2026-11-21T07:00:00Z
    status: resolved
    text: E-mails go out at once again.
---
`;

interface Built extends BuildResult {
  dist: string;
}

const build = async (name: string, now: string, withCache: boolean): Promise<Built> => {
  const dist = join(root, name);
  const result = await buildSite({
    content,
    out: dist,
    now,
    ...(withCache ? { cache } : {}),
    // As in CI, where CI=true makes Astro colour its lines: they are read all the same.
    env: { HELIOGRAPH_IMAGE_CACHE: images, CI: 'true' },
  });
  return { ...result, dist };
};

/** Site paths of the pages a build copied from the last one rather than rendered. */
function copied(output: string): string[] {
  return [...output.matchAll(/├─ (\S+).*\((?:restored|cached)\)/g)].map((m) => m[1]!).sort();
}

/** Site paths of the pages a build rendered, of the routes that may be copied. */
function rendered(output: string): string[] {
  return [
    ...output.matchAll(
      /├─ (\/(?:incidents\/[^/\s]+\/index\.html|share\/\S+\.json))(?![^\n]*\((?:restored|cached)\))/g,
    ),
  ]
    .map((m) => m[1]!)
    .sort();
}

let first: Built;
let edited: Built;
let full: Built;

beforeAll(async () => {
  writeExample({ out: content, now: Date.parse(PINNED_NOW) });
  writeFileSync(join(incidents, 'card-terminals.md'), ONGOING);
  first = await build('first', PINNED_NOW, true);
  // One resolved incident edited, one added, and the build an hour and a half later.
  const phone = join(incidents, 'phone-line-down.md');
  writeFileSync(
    phone,
    readFileSync(phone, 'utf8').replace('works again.', 'works again; calls are answered.'),
  );
  writeFileSync(join(incidents, 'confirmation-emails.md'), ADDED);
  edited = await build('edited', LATER, true);
  full = await build('full', LATER, false);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the first build with an empty cache renders every page', () => {
  expect(copied(first.output ?? '')).toEqual([]);
});

test('after an edit, the rebuild copies the untouched incident pages and renders the changed ones', () => {
  const out = edited.output ?? '';
  expect(copied(out)).toContain('/incidents/meta-platforms-outage/index.html');
  expect(copied(out)).toContain('/share/meta-platforms-outage.json');
  // The edited and the added incident, and the two still open (the example's Instagram delay and
  // the card terminals), whose durations run to the later build time.
  expect(rendered(out)).toEqual([
    '/incidents/card-terminals/index.html',
    '/incidents/confirmation-emails/index.html',
    '/incidents/instagram-messages-delayed/index.html',
    '/incidents/phone-line-down/index.html',
    '/share/card-terminals.json',
    '/share/confirmation-emails.json',
    '/share/instagram-messages-delayed.json',
    '/share/phone-line-down.json',
  ]);
});

test('the rebuild is byte for byte the site a full build makes of the same content', () => {
  const a = distFiles(edited.dist);
  const b = distFiles(full.dist);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const differ = [...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!)).map(([p]) => p);
  expect(differ).toEqual([]);
  expect(readFileSync(join(edited.dist, 'incidents/phone-line-down/index.html'), 'utf8')).toContain(
    'calls are answered',
  );
});
