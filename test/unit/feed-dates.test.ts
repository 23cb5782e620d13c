/**
 * Feeds never lead with news from the future: a maintenance window is announced when its file
 * says it was published (its `scheduled` update, which is no entry of its own), or at the build
 * for a file that does not say, never at its start days ahead; a feed's `updated` is its newest
 * entry.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { maintenanceSchema } from '../../src/lib/content/maintenance-schema.ts';
import { feedChannel } from '../../src/lib/feeds/channel.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { buildSite } from '../../src/lib/model/site.ts';
import { absolute } from '../../src/lib/paths.ts';
import { apiMaintenance } from '../../src/lib/statuspage/maintenance.ts';
import { apiContext } from '../../src/lib/statuspage/page.ts';
import { DAY, HOUR } from '../../src/lib/time.ts';

const NOW = Date.parse('2026-11-21T09:00:00Z');
const CONFIG = parseConfig(
  `site: { title: T, url: 'https://status.example.com', time_zone: Europe/Rome }
components: [ { id: web, name: Website } ]
`,
  'heliograph.yaml',
);

function feedOf(updates: { at: string; status: 'scheduled'; text?: string }[]) {
  const site = buildSite({
    config: CONFIG,
    now: NOW,
    incidents: new Map(),
    maintenances: new Map([
      [
        'move',
        {
          data: maintenanceSchema.parse({
            title: 'Website move',
            start: new Date(NOW + 3 * DAY).toISOString(),
            end: new Date(NOW + 3 * DAY + HOUR).toISOString(),
            components: ['web'],
            updates,
          }),
          body: 'The website moves.',
        },
      ],
    ]),
    history: { components: new Map(), warnings: [], sampleCount: 0 },
    render: renderMarkdown,
  });
  const ctx = {
    site,
    t: messages('en'),
    fmt: createFormatter('en', 'Europe/Rome'),
    url: (path: string) => absolute('https://status.example.com', '/', path),
  };
  return { site, channel: feedChannel(ctx) };
}

describe('a maintenance window three days ahead', () => {
  test('announced by its `scheduled` update: one entry, dated then; the feed updated then', () => {
    const published = NOW - 2 * HOUR;
    const { site, channel } = feedOf([
      { at: new Date(published).toISOString(), status: 'scheduled' },
    ]);
    expect(channel.entries.map((e) => [e.title, e.at])).toEqual([
      ['Scheduled: Website move', published],
    ]);
    expect(channel.updated).toBe(published);
    // The API's announcement carries the same date, and the marker is no update of its own.
    const api = apiMaintenance(apiContext(site), site.maintenances[0]!);
    expect(api.created_at).toBe(new Date(published).toISOString());
    expect(api.incident_updates.map((u) => u.status)).toEqual(['scheduled']);
  });

  test('a file that does not say when it was published: dated at the build, never ahead', () => {
    const { channel } = feedOf([]);
    expect(channel.entries.map((e) => e.at)).toEqual([NOW]);
    expect(channel.updated).toBe(NOW);
  });

  test('a `scheduled` update with words of its own is an entry too', () => {
    const { channel } = feedOf([
      { at: new Date(NOW - HOUR).toISOString(), status: 'scheduled', text: 'Moved by a day.' },
    ]);
    const texts = channel.entries.map((e) => e.text);
    expect(texts).toHaveLength(2);
    expect(texts).toContain('Moved by a day.');
    expect(texts.some((t) => t.endsWith('The website moves.'))).toBe(true);
    expect(channel.entries.every((e) => e.at <= NOW)).toBe(true);
  });
});
