/**
 * Honest freshness (src/lib/model/freshness.ts): the rule at its edges, and the site model that
 * the page, the share image and the API read — a site whose checks stopped says since when, and
 * its API's `page.updated_at` stays at the newest sample instead of the build time.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import type { History } from '../../src/lib/history/read.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { altText } from '../../src/lib/images/alt-text.ts';
import { homeCard } from '../../src/lib/images/cards.ts';
import { imageMessages } from '../../src/lib/images/image-messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { freshness, STALE_AFTER_INTERVALS, staleAfterMs } from '../../src/lib/model/freshness.ts';
import { buildSite } from '../../src/lib/model/site.ts';
import { apiDocument } from '../../src/lib/statuspage/documents.ts';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-21T09:00:00Z');
const POLICY = { interval_minutes: 5, stale_after_minutes: undefined };
const LIMIT = STALE_AFTER_INTERVALS * 5 * MINUTE;

describe('the rule', () => {
  test('the limit is three probe intervals, unless the policy sets its own', () => {
    expect(STALE_AFTER_INTERVALS).toBe(3);
    expect(staleAfterMs(POLICY)).toBe(15 * MINUTE);
    expect(staleAfterMs({ interval_minutes: 10, stale_after_minutes: undefined })).toBe(
      30 * MINUTE,
    );
    expect(staleAfterMs({ interval_minutes: 5, stale_after_minutes: 60 })).toBe(60 * MINUTE);
  });

  test.each<[string, number | undefined, boolean, boolean]>([
    ['fresh: a sample a minute old', NOW - MINUTE, true, false],
    ['just under three intervals', NOW - LIMIT + 1, true, false],
    ['exactly three intervals: still fresh', NOW - LIMIT, true, false],
    ['just over three intervals: stale', NOW - LIMIT - 1, true, true],
    ['a day old: stale', NOW - 24 * 60 * MINUTE, true, true],
    ['no sample at all: not "delayed" (no check has run yet)', undefined, true, false],
    ['no checks configured: never stale', NOW - 24 * 60 * MINUTE, false, false],
  ])('%s', (_, lastSample, hasChecks, stale) => {
    expect(freshness({ lastSample, now: NOW, policy: POLICY, hasChecks })).toEqual({
      lastSample,
      staleAfterMs: LIMIT,
      stale,
    });
  });
});

describe('the site model, its share image and its API', () => {
  const config = parseConfig(
    `site:
  title: Bakery status
  url: https://status.example.com
  time_zone: Europe/Rome
  locale: it
components:
  - id: website
    name: Website
    checks: [{ type: http, url: "https://example.com/" }]
`,
    'heliograph.yaml',
  );
  const site = (lastSample: number | undefined) =>
    buildSite({
      config,
      now: NOW,
      render: renderMarkdown,
      incidents: new Map(),
      maintenances: new Map(),
      history: history(lastSample),
    });
  const t = messages('it');
  const fmt = createFormatter('it', 'Europe/Rome');
  const card = (lastSample: number | undefined) =>
    homeCard({ site: site(lastSample), t, fmt, m: imageMessages('it'), logoHash: null });

  test('a site whose last sample is two hours old is stale, and its component too', () => {
    const stopped = site(NOW - 120 * MINUTE);
    expect(stopped.freshness).toEqual({
      lastSample: NOW - 120 * MINUTE,
      staleAfterMs: LIMIT,
      stale: true,
    });
    expect(stopped.components[0]!.stale).toBe(true);
    expect(site(NOW - 5 * MINUTE).freshness.stale).toBe(false);
    expect(site(NOW - 5 * MINUTE).components[0]!.stale).toBe(false);
  });

  test('the home share image says since when, in the site language; a fresh one says nothing', () => {
    const stale = card(NOW - 120 * MINUTE);
    expect(stale.delayed).toBe('Controlli in ritardo dal 21 nov 2026, 08:00 CET.');
    expect(altText(stale, imageMessages('it'))).toContain(
      'Controlli in ritardo dal 21 nov 2026, 08:00 CET.',
    );
    expect(card(NOW - 5 * MINUTE).delayed).toBeNull();
    expect(card(undefined).delayed).toBeNull();
  });

  test("the API's page.updated_at is the newest sample, not the build time", () => {
    const page = (lastSample: number | undefined): string =>
      apiDocument(site(lastSample), 'status.json').page.updated_at;
    expect(page(NOW - 120 * MINUTE)).toBe('2026-11-21T07:00:00.000Z');
    expect(page(NOW - 5 * MINUTE)).toBe('2026-11-21T08:55:00.000Z');
  });
});

function history(lastSample: number | undefined): History {
  return {
    components: new Map(
      lastSample === undefined
        ? []
        : [
            [
              'website',
              {
                segments: [
                  { start: lastSample - 60 * MINUTE, end: lastSample, status: 'operational' },
                ],
                hourlyMs: [],
                rollups: new Map(),
                confirmed: { status: 'operational', since: lastSample - 60 * MINUTE },
                last: { at: lastSample, component: 'website', status: 'operational', ms: 120 },
              },
            ],
          ],
    ),
    lastChecked: lastSample,
    warnings: [],
    sampleCount: lastSample === undefined ? 0 : 12,
  };
}
