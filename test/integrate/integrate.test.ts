/**
 * Subscribe and integrate, on built sites: feeds, the Statuspage-compatible API, the maintenance
 * calendar, badges and every URL in them. The same checks run on the build at the domain root (the
 * global setup's) and on a second build served under `/status/`, whose content also has one more
 * incident update and a maintenance window across a DST change, to see what changes between them.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  appendUpdate,
  incidentText,
  openIncident,
} from '../../src/lib/content/incident-document.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';
import { brokenLinks } from '../support/links.ts';
import { apiChecks } from './api.ts';
import { badgeChecks } from './badges.ts';
import { api, ORIGIN, readText, type Variant } from './built.ts';
import { calendarChecks, calendarEvents } from './calendar.ts';
import { feedChecks, FORMATS, readFeed, type EntryView } from './feeds.ts';
import { urlChecks } from './urls.ts';

/** The update the second build adds to the open Instagram incident. */
const NEW_UPDATE = {
  at: '2026-11-21T08:55:00Z',
  status: 'monitoring' as const,
  text: 'Instagram is rolling out a fix. Follow [Instagram’s status here](../../components/instagram/) or see the [history](/status/history/).',
};
const NEW_UPDATE_ID = 'instagram-messages-delayed-20261121t0855';

/** A window over the night Europe/Rome moves to summer time (02:00 CET → 03:00 CEST). */
const DST_WINDOW = {
  id: 'router-swap-clock-change',
  file: [
    '---',
    'title: Sostituzione del router nella notte del cambio d’ora — più veloce, più sicuro',
    'start: 2027-03-28T01:30:00+01:00',
    'end: 2027-03-28T03:30:00+02:00',
    'components:',
    '  - website',
    '---',
    '',
    'Il sito può non rispondere per qualche minuto. Ordini già confermati: nessun problema.',
    '',
  ].join('\n'),
};

const root: Variant = { name: 'at the domain root', base: '/', site: () => inject('exampleSite') };
let subPathSite: BuiltSite | undefined;
const subPath: Variant = {
  name: 'under /status/',
  base: '/status/',
  site: () => {
    if (!subPathSite) throw new Error('the /status/ build is made in beforeAll');
    return subPathSite;
  },
};

beforeAll(async () => {
  subPathSite = await buildExampleSite({ adjust: adjustContent });
});
afterAll(() => {
  if (subPathSite) removeSite(subPathSite);
});

for (const v of [root, subPath]) {
  describe(v.name, () => {
    feedChecks(v);
    apiChecks(v);
    calendarChecks(v);
    badgeChecks(v);
    urlChecks(v);
  });
}

describe('links under a sub-path', () => {
  // An update links with a relative path written for its incident page: on the home page and in
  // the history it must still lead there (markdown.ts resolves it against the incident page).
  test('every link stays under /status/ and resolves', () => {
    const { dist } = subPath.site();
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('href="/status/components/website/"');
    expect(home).toContain(`<link rel="canonical" href="${ORIGIN}/status/">`);
    expect(brokenLinks(dist, '/status/')).toEqual([]);
  });
});

describe('pre-compressed copies', () => {
  /** Every file of a build whose name ends with one of `suffixes`. */
  const named = (v: Variant, suffixes: RegExp): string[] =>
    readdirSync(v.site().dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && suffixes.test(e.name))
      .map((e) => relative(v.site().dist, join(e.parentPath, e.name)));

  test('are written when build.precompress asks, beside each text file, the same once unpacked', () => {
    const texts = named(subPath, /\.(html|xml|json|svg|css|js|ics)$/);
    const copies = new Set(named(subPath, /\.(gz|br)$/));
    expect(texts.length).toBeGreaterThan(100);
    for (const name of ['index.html', 'rss.xml', 'api/v2/summary.json', 'embed.js']) {
      const original = readFileSync(join(subPath.site().dist, name));
      const gz = readFileSync(join(subPath.site().dist, `${name}.gz`));
      const br = readFileSync(join(subPath.site().dist, `${name}.br`));
      expect(gunzipSync(gz).equals(original), name).toBe(true);
      expect(brotliDecompressSync(br).equals(original), name).toBe(true);
    }
    // Every text file has both copies, unless a copy would not be smaller (a tiny file).
    for (const name of texts) {
      const size = statSync(join(subPath.site().dist, name)).size;
      if (size > 1000)
        expect([copies.has(`${name}.gz`), copies.has(`${name}.br`)], name).toEqual([true, true]);
    }
    expect(named(subPath, /\.png\.(gz|br)$/)).toEqual([]);
  });

  test('are not written by default', () => {
    expect(named(root, /\.(gz|br)$/)).toEqual([]);
  });
});

describe('between the two builds', () => {
  /** Entries with the sub-path taken out of their URLs, so that both builds compare. */
  const entries = (v: Variant, dir: string, file: (typeof FORMATS)[number]): EntryView[] =>
    readFeed(v, dir, file).entries.map((e) => {
      const strip = (s: string) => s.replaceAll(`${ORIGIN}${v.base}`, `${ORIGIN}/`);
      return { ...e, id: strip(e.id), url: strip(e.id), html: strip(e.html) };
    });
  const newEntryId = `${ORIGIN}/incidents/instagram-messages-delayed/#${NEW_UPDATE_ID}`;

  test.each(FORMATS)(
    'one more update is one more entry, earlier entries unchanged (%s)',
    (file) => {
      const dir = 'components/instagram/';
      const before = entries(root, dir, file);
      const after = entries(subPath, dir, file);
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((e) => e.id !== newEntryId)).toEqual(before);

      const site = entries(subPath, '', file).map((e) => e.id);
      const siteBefore = new Set(entries(root, '', file).map((e) => e.id));
      expect(site.filter((id) => !siteBefore.has(id)).sort()).toEqual(
        [newEntryId, `${ORIGIN}/maintenance/${DST_WINDOW.id}/`].sort(),
      );
    },
  );

  test('the new entry says what happened, with links made absolute', () => {
    const entry = readFeed(subPath, '', 'atom.xml').entries.find((e) =>
      e.id.endsWith(`#${NEW_UPDATE_ID}`),
    );
    expect(entry).toMatchObject({
      title: 'Monitoring: Instagram messages delayed',
      date: '2026-11-21T08:55:00.000Z',
    });
    expect(entry!.html).toContain(`href="${ORIGIN}/status/components/instagram/"`);
    expect(entry!.html).toContain(`href="${ORIGIN}/status/history/"`);
  });

  test('the API shows the new update first and keeps the earlier ones', () => {
    const find = (v: Variant) =>
      api(v, 'incidents/unresolved.json').incidents.find(
        (i) => i.id === 'instagram-messages-delayed',
      )!;
    const [first, ...earlier] = find(subPath).incident_updates;
    expect(first).toMatchObject({ id: NEW_UPDATE_ID, status: 'monitoring' });
    expect(earlier).toEqual(find(root).incident_updates);
    expect(find(subPath).monitoring_at).toBe('2026-11-21T08:55:00.000Z');
  });

  test('a window across the DST change has the right UTC times', () => {
    const event = calendarEvents(subPath).find((e) => e.uid.includes(DST_WINDOW.id));
    expect(event).toBeDefined();
    // 01:30 CET is 00:30 UTC; 03:30 CEST is 01:30 UTC: one hour of real time, not two.
    expect(event!.startDate.toJSDate().toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(event!.endDate.toJSDate().toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(event!.duration.toSeconds()).toBe(3600);
    const text = readText(subPath, 'maintenance.ics').replace(/\r\n[ \t]/g, '');
    expect(text).toContain('DTSTART:20270328T003000Z\r\nDTEND:20270328T013000Z\r\n');
    // Its title has letters of several octets; the folded lines still fit in 75 octets (checked
    // above for every line) and unfold to the title.
    expect(event!.summary).toBe(`Maintenance: ${DST_WINDOW.file.split('\n')[1]!.slice(7)}`);
    expect(ICAL.parse(readText(subPath, 'maintenance.ics'))).toBeTruthy();

    const upcoming = api(subPath, 'scheduled-maintenances/upcoming.json').scheduled_maintenances;
    expect(upcoming.find((m) => m.id === DST_WINDOW.id)).toMatchObject({
      scheduled_for: '2027-03-28T00:30:00.000Z',
      scheduled_until: '2027-03-28T01:30:00.000Z',
      status: 'scheduled',
    });
  });
});

/**
 * The second build's content: served under /status/, with pre-compressed copies, one more update,
 * a window across DST.
 */
function adjustContent(content: string): void {
  const config = join(content, 'heliograph.yaml');
  const yaml = readFileSync(config, 'utf8').replace('  base: /\n', '  base: /status/\n');
  writeFileSync(config, `${yaml}\nbuild:\n  precompress: true\n`);

  const incident = join(content, 'incidents', 'instagram-messages-delayed.md');
  const opened = openIncident(readFileSync(incident, 'utf8'), incident);
  if (!opened.ok) throw new Error(`${incident} cannot be edited`);
  appendUpdate(opened.data, NEW_UPDATE);
  writeFileSync(incident, incidentText(opened.data));

  writeFileSync(join(content, 'maintenance', `${DST_WINDOW.id}.md`), DST_WINDOW.file);
}
