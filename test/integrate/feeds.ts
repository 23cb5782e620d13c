/** Feed checks on one build: every feed parses strictly, formats agree, entries are right. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { htmlFiles, linksOf, tight } from '../support/dist.ts';
import { api, componentRowsOnly, exists, readText, urlOf, type Variant } from './built.ts';
import { parseAtomStrict, parseJsonFeedStrict, parseRssStrict } from './feed-parsing.ts';
import { API_SCHEMAS } from './statuspage-schemas.ts';

/** One entry as every format shows it. */
export interface EntryView {
  id: string;
  url: string;
  title: string;
  html: string;
  /** ISO 8601. */
  date: string;
}

/** A feed read in one format. */
export interface FeedView {
  path: string;
  /** `atom:link rel="self"` (RSS, Atom) or `feed_url` (JSON Feed). */
  self: string | undefined;
  /** The page it follows. */
  home: string | undefined;
  entries: EntryView[];
}

export const FORMATS = ['rss.xml', 'atom.xml', 'feed.json'] as const;
export type FeedFile = (typeof FORMATS)[number];

/** English words of incident and maintenance statuses, as the example (locale `en`) shows them. */
export const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** Parses one feed file strictly and returns what the checks compare. */
export function readFeed(v: Variant, dir: string, file: FeedFile): FeedView {
  const path = `${dir}${file}`;
  const text = readText(v, path);
  if (file === 'rss.xml') {
    const feed = parseRssStrict(text);
    return {
      path,
      self: feed.atom?.links?.find((l) => l.rel === 'self')?.href,
      home: feed.link,
      entries: (feed.items ?? []).map((item) => ({
        id: item.guid?.value ?? '',
        url: item.link ?? '',
        title: item.title ?? '',
        html: item.content?.encoded ?? '',
        date: item.pubDate?.toISOString() ?? '',
      })),
    };
  }
  if (file === 'atom.xml') {
    const feed = parseAtomStrict(text);
    return {
      path,
      self: feed.links?.find((l) => l.rel === 'self')?.href,
      home: feed.links?.find((l) => l.rel === 'alternate')?.href,
      entries: (feed.entries ?? []).map((entry) => ({
        id: entry.id ?? '',
        url: entry.links?.[0]?.href ?? '',
        // Atom titles are `type="html"`: the text is HTML-escaped once.
        title: decodeHtml(entry.title?.value ?? ''),
        html: entry.content?.value ?? '',
        date: entry.updated?.toISOString() ?? '',
      })),
    };
  }
  const feed = parseJsonFeedStrict(text);
  expect(JSON.parse(text)).toMatchObject({ version: 'https://jsonfeed.org/version/1.1' });
  return {
    path,
    self: feed.feed_url,
    home: feed.home_page_url,
    entries: (feed.items ?? []).map((item) => ({
      id: item.id ?? '',
      url: item.url ?? '',
      title: item.title ?? '',
      html: item.content_html ?? '',
      date: item.date_published?.toISOString() ?? '',
    })),
  };
}

/** Every feed folder of a build: the site's, then each component's. */
export function feedDirs(v: Variant): string[] {
  return ['', ...componentRowsOnly(v).map((c) => `components/${c.id}/`)];
}

export function feedChecks(v: Variant): void {
  describe('feeds', () => {
    test('every feed parses strictly, links to itself and its page, with unique ids', () => {
      for (const dir of feedDirs(v)) {
        for (const file of FORMATS) {
          const feed = readFeed(v, dir, file);
          expect(feed.self, feed.path).toBe(urlOf(v, feed.path));
          expect(feed.home, feed.path).toBe(urlOf(v, dir));
          expect(feed.entries.length, feed.path).toBeGreaterThan(0);
          const ids = feed.entries.map((e) => e.id);
          expect(new Set(ids).size, `${feed.path}: ids are unique`).toBe(ids.length);
          for (const e of feed.entries) {
            expect(e.id, feed.path).toMatch(/^https:\/\//);
            expect(e.url, feed.path).toBe(e.id);
            expect(e.title, feed.path).not.toBe('');
            expect(e.html, feed.path).not.toBe('');
          }
          const dates = feed.entries.map((e) => e.date);
          expect(dates, `${feed.path}: newest first`).toEqual(dates.toSorted().reverse());
        }
      }
    });

    test('RSS, Atom and JSON Feed carry the same entries', () => {
      for (const dir of feedDirs(v)) {
        const [rss, atom, json] = FORMATS.map((file) => readFeed(v, dir, file));
        expect(atom!.entries, `${dir}atom.xml`).toEqual(rss!.entries);
        expect(json!.entries, `${dir}feed.json`).toEqual(rss!.entries);
      }
    });

    test('one entry per incident update, titled with its status, at its time', () => {
      const entries = new Map(readFeed(v, '', 'rss.xml').entries.map((e) => [e.id, e]));
      const { incidents } = api(v, 'incidents/all.json');
      for (const incident of incidents) {
        for (const u of incident.incident_updates) {
          const entry = entries.get(`${incident.shortlink}#${u.id}`);
          expect(entry, `${incident.id} ${u.id}`).toBeDefined();
          expect(entry!.title).toBe(`${STATUS_WORDS[u.status]}: ${incident.name}`);
          expect(entry!.date).toBe(u.display_at);
        }
      }
      const updates = incidents.reduce((n, i) => n + i.incident_updates.length, 0);
      const { scheduled_maintenances } = api(v, 'scheduled-maintenances/all.json');
      // Each maintenance: its announcement (the API's oldest update) and every later update.
      const maintenanceEntries = scheduled_maintenances.reduce(
        (n, m) => n + m.incident_updates.length,
        0,
      );
      expect(entries.size).toBe(updates + maintenanceEntries);
      for (const m of scheduled_maintenances) {
        expect(entries.get(m.shortlink)?.title).toBe(`Scheduled: ${m.name}`);
      }
    });

    test('a component feed has exactly the entries that concern it', () => {
      const site = readFeed(v, '', 'rss.xml').entries;
      const incidents = api(v, 'incidents/all.json').incidents;
      const maintenances = api(v, 'scheduled-maintenances/all.json').scheduled_maintenances;
      for (const c of componentRowsOnly(v)) {
        const concerns = new Set(
          [...incidents, ...maintenances]
            .filter((i) => i.components.some((x) => x.id === c.id))
            .map((i) => i.shortlink),
        );
        const expected = site.filter((e) => concerns.has(e.id.split('#')[0]!));
        expect(readFeed(v, `components/${c.id}/`, 'rss.xml').entries, c.id).toEqual(expected);
      }
    });

    test('entry HTML is sanitized and every link in it is absolute', () => {
      for (const dir of feedDirs(v)) {
        for (const e of readFeed(v, dir, 'atom.xml').entries) {
          expect(e.html).not.toMatch(/<script|<iframe|<img|\son\w+=|javascript:/i);
          for (const [, href] of e.html.matchAll(/\shref="([^"]*)"/g)) {
            expect(href, `${e.id}: ${href}`).toMatch(/^(https?:\/\/|mailto:|tel:)/);
          }
        }
      }
    });

    test('every page names the site feeds in its head, component pages their own too', () => {
      for (const file of htmlFiles(v.site().dist)) {
        const head = tight(readFileSync(file, 'utf8')).split('</head>')[0]!;
        const alternates = [
          ...head.matchAll(/<link rel="alternate" type="([^"]+)"[^>]* href="([^"]+)">/g),
        ].map((m) => `${m[1]} ${m[2]}`);
        const component = /\/components\/([a-z0-9-]+)\/index\.html$/.exec(file)?.[1];
        const own = (dir: string) => [
          `application/rss+xml ${v.base}${dir}rss.xml`,
          `application/atom+xml ${v.base}${dir}atom.xml`,
          `application/feed+json ${v.base}${dir}feed.json`,
        ];
        expect(alternates, file).toEqual([
          ...own(''),
          ...(component ? own(`components/${component}/`) : []),
        ]);
      }
    });

    test("the home page's subscribe area links the feeds and the calendar, in plain words", () => {
      const home = tight(readText(v, 'index.html'));
      const section = /<section id="subscribe"[\s\S]*?<\/section>/.exec(home)?.[0] ?? '';
      const links = new Set(linksOf(section));
      for (const door of [...FORMATS, 'maintenance.ics']) {
        expect(links, door).toContain(`${v.base}${door}`);
        expect(exists(v, door), door).toBe(true);
      }
      expect(section).toContain(`<a href="${v.base}rss.xml">Follow in a feed reader</a>`);
      // The files for tools are not a visitor's business: they are on the page for developers.
      expect([...links].filter((l) => /api\/v2\/|badges\//.test(l))).toEqual([]);
      expect(linksOf(home)).toContain(`${v.base}developers/`);
    });

    test('the page for developers links every door, one line each', () => {
      const page = tight(readText(v, 'developers/index.html'));
      const links = new Set(linksOf(page));
      const doors = [
        ...FORMATS,
        'maintenance.ics',
        ...Object.keys(API_SCHEMAS).map((f) => `api/v2/${f}`),
        ...componentRowsOnly(v).flatMap((c) =>
          ['status', 'uptime', 'response-time'].flatMap((kind) => [
            `badges/${c.id}/${kind}.svg`,
            `badges/${c.id}/${kind}.json`,
          ]),
        ),
      ];
      for (const door of doors) {
        expect(links, door).toContain(`${v.base}${door}`);
        expect(exists(v, door), door).toBe(true);
      }
      expect(page).toContain(
        `&lt;script src=&quot;${urlOf(v, 'embed.js')}&quot; async&gt;&lt;/script&gt;`,
      );
      // Each component's own feeds stay on its page.
      for (const c of componentRowsOnly(v)) {
        const own = new Set(linksOf(tight(readText(v, `components/${c.id}/index.html`))));
        for (const f of FORMATS)
          expect(own, `${c.id} ${f}`).toContain(`${v.base}components/${c.id}/${f}`);
      }
    });
  });
}

function decodeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
