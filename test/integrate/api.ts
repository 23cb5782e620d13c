/** API checks on one build: every file matches its schema, and the files agree with each other and the pages. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tight } from '../support/dist.ts';
import {
  api,
  componentRowsOnly,
  exists,
  ORIGIN,
  readText,
  summary,
  urlOf,
  type Variant,
} from './built.ts';
import { API_SCHEMAS, type ApiIncident, type ApiMaintenance } from './statuspage-schemas.ts';

export function apiChecks(v: Variant): void {
  describe('Statuspage API', () => {
    test('every file matches its schema and starts with the same page', () => {
      const page = summary(v).page;
      expect(page.url).toBe(`${ORIGIN}${v.base}`);
      expect(page.time_zone).toBe('Europe/Rome');
      for (const file of Object.keys(API_SCHEMAS) as (keyof typeof API_SCHEMAS)[]) {
        expect(api(v, file).page, file).toEqual(page);
      }
    });

    test('every object names the page it belongs to', () => {
      const { page, components, incidents, scheduled_maintenances } = summary(v);
      const all = [
        ...components,
        ...api(v, 'incidents/all.json').incidents.flatMap((i) => [i, ...i.components]),
        ...api(v, 'scheduled-maintenances/all.json').scheduled_maintenances.flatMap((m) => [
          m,
          ...m.components,
        ]),
        ...incidents,
        ...scheduled_maintenances,
      ];
      for (const o of all) expect(o.page_id, o.id).toBe(page.id);
    });

    test('ids are the content files’ names', () => {
      const names = (folder: string) =>
        readdirSync(join(v.site().content, folder))
          .filter((f) => f.endsWith('.md'))
          .map((f) => f.slice(0, -3))
          .sort();
      expect(
        api(v, 'incidents/all.json')
          .incidents.map((i) => i.id)
          .sort(),
      ).toEqual(names('incidents'));
      expect(
        api(v, 'scheduled-maintenances/all.json')
          .scheduled_maintenances.map((m) => m.id)
          .sort(),
      ).toEqual(names('maintenance'));
    });

    test('group rows list their children; positions restart at 1 inside a group', () => {
      const rows = summary(v).components;
      const groups = rows.filter((r) => r.group);
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) {
        const children = rows.filter((r) => !r.group && r.group_id === g.id);
        expect(g.components, g.id).toEqual(children.map((c) => c.id));
        expect(
          children.map((c) => c.position),
          g.id,
        ).toEqual(children.map((_, i) => i + 1));
      }
      const topLevel = rows.filter((r) => r.group_id === null);
      expect(topLevel.map((r) => r.position)).toEqual(topLevel.map((_, i) => i + 1));
      for (const r of rows) {
        if (!r.group && r.group_id !== null) expect(groups.map((g) => g.id)).toContain(r.group_id);
      }
      expect(api(v, 'components.json').components).toEqual(rows);
    });

    test('component and group statuses are the ones the home page shows', () => {
      const home = tight(readText(v, 'index.html'));
      const shown = new Map(
        [
          ...home.matchAll(
            /<div class="row"><a href="([^"]+)">[^<]+<\/a><span class="st ([a-z_]+)">/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      const groupsShown = new Map(
        [
          ...home.matchAll(
            /<h3 class="row">(?:<span>|<a [^>]*>)([^<]+)(?:<\/span>|<\/a>)<span class="st ([a-z_]+)">/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      const rows = summary(v).components;
      for (const r of rows) {
        if (r.group) {
          expect(groupsShown.get(r.name), r.id).toBe(r.status);
        } else if (!(r.only_show_if_degraded && r.status === 'operational')) {
          expect(shown.get(`${v.base}components/${r.id}/`), r.id).toBe(r.status);
        }
      }
      expect(shown.size).toBe(rows.filter((r) => !r.group).length);
    });

    test('summary: unresolved incidents, maintenance in progress and upcoming, the status', () => {
      const s = summary(v);
      const all = api(v, 'incidents/all.json').incidents;
      const unresolved = all.filter((i) => i.resolved_at === null);
      expect(unresolved.length).toBeGreaterThan(0);
      expect(s.incidents).toEqual(unresolved);
      expect(api(v, 'incidents/unresolved.json').incidents).toEqual(unresolved);
      for (const i of s.incidents) expect(['resolved', 'postmortem']).not.toContain(i.status);

      const active = api(v, 'scheduled-maintenances/active.json').scheduled_maintenances;
      const upcoming = api(v, 'scheduled-maintenances/upcoming.json').scheduled_maintenances;
      expect(active.map((m) => m.status)).toEqual(active.map(() => 'in_progress'));
      expect(upcoming.map((m) => m.status)).toEqual(upcoming.map(() => 'scheduled'));
      expect(active.length * upcoming.length).toBeGreaterThan(0);
      expect(s.scheduled_maintenances).toEqual([...active, ...upcoming]);
      const starts = upcoming.map((m) => m.scheduled_for);
      expect(starts, 'upcoming soonest first').toEqual(starts.toSorted());

      expect(api(v, 'status.json').status).toEqual(s.status);
      expect(s.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    });

    test('lists hold the 50 most recent; all.json holds every one', () => {
      const all = api(v, 'incidents/all.json').incidents;
      expect(api(v, 'incidents.json').incidents).toEqual(all.slice(0, 50));
      const starts = all.map((i) => i.started_at);
      expect(starts, 'newest first').toEqual(starts.toSorted().reverse());
      const maintenances = api(v, 'scheduled-maintenances/all.json').scheduled_maintenances;
      expect(api(v, 'scheduled-maintenances.json').scheduled_maintenances).toEqual(
        maintenances.slice(0, 50),
      );
    });

    test('incidents and maintenance: updates newest first, shortlinks to their pages', () => {
      const all: (ApiIncident | ApiMaintenance)[] = [
        ...api(v, 'incidents/all.json').incidents,
        ...api(v, 'scheduled-maintenances/all.json').scheduled_maintenances,
      ];
      for (const i of all) {
        const times = i.incident_updates.map((u) => u.display_at);
        expect(times, i.id).toEqual(times.toSorted().reverse());
        for (const u of i.incident_updates) expect(u.incident_id).toBe(i.id);
        const kind = 'scheduled_for' in i ? 'maintenance' : 'incidents';
        expect(i.shortlink).toBe(urlOf(v, `${kind}/${i.id}/`));
        expect(exists(v, `${kind}/${i.id}/index.html`), i.id).toBe(true);
        expect(i.updated_at >= i.created_at, i.id).toBe(true);
      }
      const rowIds = new Set(componentRowsOnly(v).map((c) => c.id));
      for (const i of all) for (const c of i.components) expect(rowIds).toContain(c.id);
    });

    test('a resolving update lists the components it returned to operational', () => {
      const incident = api(v, 'incidents/all.json').incidents.find(
        (i) => i.id === 'website-overnight-errors',
      )!;
      expect(incident.incident_updates[0]!.affected_components).toEqual([
        {
          code: 'website',
          name: 'Website',
          old_status: 'partial_outage',
          new_status: 'operational',
        },
      ]);
    });
  });
}
