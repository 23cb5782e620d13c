/**
 * How many entries each feed holds: the site's feeds the newest 100, a component's feeds the
 * newest 50 that concern it — the rest stays on the pages and in the API's complete history.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { incidentSchema } from '../../src/lib/content/incident-schema.ts';
import { FEED_LIMITS, feedChannel } from '../../src/lib/feeds/channel.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { buildSite } from '../../src/lib/model/site.ts';
import { absolute } from '../../src/lib/paths.ts';
import { apiDocument } from '../../src/lib/statuspage/documents.ts';
import { HOUR } from '../../src/lib/time.ts';

const NOW = Date.parse('2026-11-21T09:00:00Z');
const CONFIG = parseConfig(
  `site: { title: T, url: 'https://status.example.com', time_zone: Europe/Rome }
components: [ { id: web, name: Website }, { id: api, name: API } ]
`,
  'heliograph.yaml',
);

/** 80 resolved incidents of the website, one every 5 hours, and 10 of the API: 180 entries. */
function site() {
  const incident = (i: number, component: string) => {
    // The API's incidents come two hours before the website's of the same number.
    const at = NOW - (i + 1) * 5 * HOUR - (component === 'api' ? 2 * HOUR : 0);
    return [
      `${component}-${i}`,
      {
        data: incidentSchema.parse({
          title: `${component} ${i}`,
          impact: 'minor',
          components: { [component]: 'degraded_performance' },
          updates: [
            { at: new Date(at).toISOString(), status: 'investigating', text: `Slow ${i}.` },
            { at: new Date(at + HOUR).toISOString(), status: 'resolved', text: `Fixed ${i}.` },
          ],
        }),
        body: '',
      },
    ] as const;
  };
  return buildSite({
    config: CONFIG,
    now: NOW,
    incidents: new Map([
      ...Array.from({ length: 80 }, (_, i) => incident(i, 'web')),
      ...Array.from({ length: 10 }, (_, i) => incident(i, 'api')),
    ]),
    maintenances: new Map(),
    history: { components: new Map(), warnings: [], sampleCount: 0 },
    render: renderMarkdown,
  });
}

describe('feed sizes', () => {
  const model = site();
  const ctx = {
    site: model,
    t: messages('en'),
    fmt: createFormatter('en', 'Europe/Rome'),
    url: (path: string) => absolute('https://status.example.com', '/', path),
  };

  test('the site’s feeds hold the newest 100 entries', () => {
    const entries = feedChannel(ctx).entries;
    expect(FEED_LIMITS.site).toBe(100);
    expect(entries).toHaveLength(100);
    expect(entries[0]!.title).toBe('Resolved: web 0');
    expect(entries.map((e) => e.at)).toEqual(entries.map((e) => e.at).toSorted((a, b) => b - a));
  });

  test('a component’s feeds hold its newest 50; one with fewer holds them all', () => {
    const web = feedChannel(ctx, 'web').entries;
    expect(FEED_LIMITS.component).toBe(50);
    expect(web).toHaveLength(50);
    expect(web.map((e) => e.title).slice(0, 4)).toEqual([
      'Resolved: web 0',
      'Investigating: web 0',
      'Resolved: web 1',
      'Investigating: web 1',
    ]);
    expect(web.at(-1)!.title).toBe('Investigating: web 24');
    expect(web.at(-1)!.text).toBe('Slow 24.');
    expect(feedChannel(ctx, 'api').entries).toHaveLength(20);
  });

  test('the API’s complete history keeps every incident', () => {
    const all = apiDocument(model, 'incidents/all.json');
    expect('incidents' in all && all.incidents).toHaveLength(90);
  });
});
