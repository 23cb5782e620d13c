/**
 * Honest numbers: which uptime periods a component shows while its record is young, which
 * components count as monitored (and so as evidence for the page indicator), the day-by-day rows
 * that fold runs of days with no data, and the 90-day bar drawn as one path per level.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { incidentSchema } from '../../src/lib/content/incident-schema.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { barPaths } from '../../src/lib/model/bar.ts';
import { dayRows } from '../../src/lib/model/day-rows.ts';
import {
  buildSite,
  shownStatus,
  uptimePeriods,
  type ComponentDay,
  type DayLevel,
} from '../../src/lib/model/site.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-21T09:00:00Z');
const FIGURES = { h24: 0.5, d7: 0.6, d30: 0.7, d90: 0.8 };
const STARTS = { h24: NOW - DAY, d7: NOW - 7 * DAY, d30: NOW - 30 * DAY, d90: NOW - 90 * DAY };

describe('uptime periods', () => {
  test('a record older than 90 days: all four periods, none "since"', () => {
    expect(uptimePeriods(FIGURES, STARTS, NOW - 200 * DAY)).toEqual([
      { key: 'h24', uptime: 0.5, since: undefined },
      { key: 'd7', uptime: 0.6, since: undefined },
      { key: 'd30', uptime: 0.7, since: undefined },
      { key: 'd90', uptime: 0.8, since: undefined },
    ]);
  });

  test('a record of 10 days: 24 hours and 7 days, then one figure since it began', () => {
    expect(uptimePeriods(FIGURES, STARTS, NOW - 10 * DAY)).toEqual([
      { key: 'h24', uptime: 0.5, since: undefined },
      { key: 'd7', uptime: 0.6, since: undefined },
      { key: 'd30', uptime: 0.7, since: NOW - 10 * DAY },
    ]);
  });

  test('a record of six minutes: one figure since it began, not four identical ones', () => {
    expect(uptimePeriods(FIGURES, STARTS, NOW - 6 * 60_000)).toEqual([
      { key: 'h24', uptime: 0.5, since: NOW - 6 * 60_000 },
    ]);
  });
});

describe('monitored components', () => {
  const config = parseConfig(
    `
site: { title: T, url: "https://status.example.com", time_zone: Europe/Rome }
components:
  - { id: web, name: Website, checks: [{ type: http, url: "https://example.com/" }] }
  - { id: phone, name: Phone, start_date: 2026-10-01 }
  - { id: desk, name: Help desk, start_date: 2026-10-01 }
`,
    'heliograph.yaml',
  );
  const build = (withIncident: boolean, ids = ['web', 'phone', 'desk']) =>
    buildSite({
      config: { ...config, components: config.components.filter((c) => ids.includes(c.id)) },
      now: NOW,
      render: renderMarkdown,
      incidents: new Map(
        withIncident
          ? [
              [
                'desk-slow',
                {
                  body: '',
                  data: incidentSchema.parse({
                    title: 'Help desk slow',
                    impact: 'minor',
                    components: { desk: 'degraded_performance' },
                    updates: [
                      { at: '2026-11-20T09:00:00Z', status: 'investigating' },
                      { at: '2026-11-20T10:00:00Z', status: 'resolved' },
                    ],
                  }),
                },
              ],
            ]
          : [],
      ),
      maintenances: new Map(),
      history: { components: new Map(), lastChecked: undefined, warnings: [], sampleCount: 0 },
    });

  test('no check and no incident: not monitored, no uptime, every day without data', () => {
    const phone = build(true).components.find((c) => c.id === 'phone')!;
    expect([phone.monitored, phone.status, shownStatus(phone)]).toEqual([
      false,
      'operational',
      'not_monitored',
    ]);
    expect(phone.uptime).toEqual({ h24: null, d7: null, d30: null, d90: null });
    expect(phone.observedSince).toBeUndefined();
    expect(phone.days.every((d) => d.level === 'nodata')).toBe(true);
  });

  test('an incident makes the editors its record, from its start date', () => {
    const desk = build(true).components.find((c) => c.id === 'desk')!;
    expect([desk.monitored, shownStatus(desk)]).toEqual([true, 'operational']);
    expect(desk.observedSince).toBe(Date.parse('2026-09-30T22:00:00Z'));
    expect(desk.uptime.d90).toBe(1);
  });

  test('a site where nothing is monitored says so; the indicator has nothing to raise it', () => {
    const site = build(false, ['phone', 'desk']);
    expect(site.nothingMonitored).toBe(true);
    expect(site.indicator).toBe('none');
    expect(build(true).nothingMonitored).toBe(false);
  });
});

describe('day-by-day rows', () => {
  const day = (date: string, level: DayLevel, incidents = 0): ComponentDay => ({
    date,
    level,
    uptime: level === 'nodata' ? null : 1,
    minutes: { observed: 0, degraded: 0, partial: 0, major: 0, maintenance: 0 },
    incidents: Array.from({ length: incidents }, (_, i) => ({ id: `i${i}`, title: 'x' })),
  });

  test('runs of two or more days with no data fold into one row, newest first', () => {
    const rows = dayRows([
      day('2026-09-01', 'nodata'),
      day('2026-09-02', 'nodata'),
      day('2026-09-03', 'nodata'),
      day('2026-09-04', 'operational'),
      day('2026-09-05', 'nodata'),
      day('2026-09-06', 'major', 1),
      day('2026-09-07', 'nodata'),
      day('2026-09-08', 'nodata'),
    ]);
    expect(rows.map((r) => (r.kind === 'day' ? r.day.date : `${r.from}…${r.to}`))).toEqual([
      '2026-09-07…2026-09-08',
      '2026-09-06',
      '2026-09-05',
      '2026-09-04',
      '2026-09-01…2026-09-03',
    ]);
  });
});

describe('the bar picture', () => {
  test('one path per level, one cell per day, shorter for worse days', () => {
    const paths = barPaths(['nodata', 'operational', 'operational', 'major', 'operational']);
    expect(paths).toEqual([
      { level: 'nodata', d: 'M0 0h.8v10h-.8z' },
      { level: 'operational', d: 'M1 0h.8v10h-.8zm1 0h.8v10h-.8zm2 0h.8v10h-.8z' },
      { level: 'major', d: 'M3 5.5h.8v4.5h-.8z' },
    ]);
  });
});
