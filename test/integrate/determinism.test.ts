/**
 * Rebuilds give the same bytes: the feeds, API files, badges and calendar of the built example are
 * exactly what the modules give for the same content and "now" — computed here in-process, long
 * after the build and under a different wall clock, so no output can depend on when it was made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, inject, test, vi } from 'vitest';
import { componentBadge, badgeSvg, shieldsEndpoint } from '../../src/lib/badges/badge.ts';
import { maintenanceCalendar } from '../../src/lib/calendar/maintenance-calendar.ts';
import { loadConfig } from '../../src/lib/config/load.ts';
import { atomFeed } from '../../src/lib/feeds/atom.ts';
import { feedChannel } from '../../src/lib/feeds/channel.ts';
import { jsonFeed } from '../../src/lib/feeds/json-feed.ts';
import { rssFeed } from '../../src/lib/feeds/rss.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { loadSiteModel } from '../../src/lib/model/load.ts';
import { absolute, API_FILES, BADGE_KINDS, paths } from '../../src/lib/paths.ts';
import { apiJson } from '../../src/lib/statuspage/documents.ts';

const built = inject('exampleSite');

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2031-06-15T12:34:56Z'), toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every subscription file of the example, computed in-process from its content. */
async function expectedFiles(): Promise<Map<string, string>> {
  const root = built.content;
  const config = loadConfig(root);
  const site = loadSiteModel({ contentDir: root, now: Date.parse(built.now) });
  const { locale, time_zone, url, base } = config.site;
  const ctx = {
    site,
    t: messages(locale),
    fmt: createFormatter(locale, time_zone),
    url: (path: string) => absolute(url, base, path),
  };
  const files = new Map<string, string>();
  for (const file of API_FILES) files.set(paths.api(file), apiJson(site, file));
  for (const id of [undefined, ...site.components.map((c) => c.id)]) {
    const channel = feedChannel(ctx, id);
    const path = (format: 'rss' | 'atom' | 'json') =>
      id ? paths.componentFeed(id, format) : paths.feed(format);
    files.set(path('rss'), await rssFeed(channel));
    files.set(path('atom'), atomFeed(channel));
    files.set(path('json'), jsonFeed(channel));
  }
  for (const c of site.components) {
    for (const kind of BADGE_KINDS) {
      const badge = componentBadge(c, kind, ctx);
      files.set(paths.badge(c.id, kind, 'svg'), badgeSvg(badge, `-${c.id}-${kind}`));
      files.set(paths.badge(c.id, kind, 'json'), JSON.stringify(shieldsEndpoint(badge)));
    }
  }
  files.set(paths.calendar(), maintenanceCalendar(ctx));
  return files;
}

test('the built files are the modules’ output for the same content and now, byte for byte', async () => {
  const files = await expectedFiles();
  expect(files.size).toBe(10 + 3 * 9 + 6 * 8 + 1);
  for (const [path, expected] of files) {
    expect(readFileSync(join(built.dist, path), 'utf8'), path).toBe(expected);
  }
});

test('the same content and now give the same bytes again', async () => {
  const first = await expectedFiles();
  vi.setSystemTime(Date.parse('2040-01-01T00:00:00Z'));
  expect(await expectedFiles()).toEqual(first);
});
