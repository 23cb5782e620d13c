/**
 * The prober never forgets an incident it opened: a run that finds an unresolved automatic
 * incident its state does not track (a run killed between writing the incident and the state, or
 * a merge) re-attaches it, so recovery resolves it, and with automatic issues on, its issue is
 * opened. In a real temporary content folder, through the real recorder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { renderIncident } from '../../src/lib/content/incident-document.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { parseState } from '../../src/lib/history/state.ts';
import { reconcileState, type OpenProberIncident } from '../../src/lib/record/reconcile.ts';
import type { HealthStatus } from '../../src/lib/status.ts';
import { recordIn, SMALL_CONFIG as CONFIG } from '../support/git-repos.ts';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const MIN = 60_000;
const ORPHAN = 'auto-api-20261121-0900';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-reconcile-'));
  writeFileSync(join(dir, 'heliograph.yaml'), CONFIG);
  mkdirSync(join(dir, 'incidents'));
  mkdirSync(join(dir, 'history'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What a run killed after writing its new incident and before writing the state leaves: the
 * incident, and the state of the run before (api operational).
 */
function killedRunLeftovers(): void {
  writeFileSync(
    join(dir, 'incidents', `${ORPHAN}.md`),
    renderIncident({
      title: 'API: service unavailable',
      impact: 'major',
      components: { api: 'major_outage' },
      started_at: '2026-11-21T09:00:00Z',
      source: 'prober',
      updates: [{ at: '2026-11-21T09:00:00Z', status: 'investigating', text: 'API is down.' }],
    }),
  );
  writeFileSync(
    join(dir, 'history/state.json'),
    JSON.stringify({
      version: 1,
      components: {
        api: { confirmed: 'operational', since: '2026-11-20T00:00:00.000Z', count: 0 },
      },
    }),
  );
}

const run = (at: number, statuses: Record<string, HealthStatus>) => recordIn(dir, at, statuses);

const state = () => parseState(readFileSync(join(dir, 'history/state.json'), 'utf8')).state;
const statuses = (id: string) =>
  readMarkdownFolder({
    root: dir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: new Set(['api', 'web']),
  })
    .get(id)!
    .data.updates.map((u) => u.status);

test('a killed run’s incident is tracked by the next run, which skips nothing', () => {
  killedRunLeftovers();
  const next = run(T0 + 5 * MIN, { api: 'major_outage' });
  expect(next.warnings).toEqual([
    `incidents/${ORPHAN}.md is unresolved but history/state.json did not track it for api: re-attached`,
  ]);
  expect(next.incidents).toEqual([]);
  expect(state().components['api']).toMatchObject({ confirmed: 'major_outage', incident: ORPHAN });
  // Recovery resolves it.
  const recovered = run(T0 + 10 * MIN, { api: 'operational' });
  expect(recovered.incidents).toEqual([{ kind: 'resolved', component: 'api', incident: ORPHAN }]);
  expect(statuses(ORPHAN)).toEqual(['investigating', 'resolved']);
  expect(state().components['api']!.incident).toBeUndefined();
});

test('recovery in the very next run resolves it too', () => {
  killedRunLeftovers();
  const next = run(T0 + 5 * MIN, { api: 'operational' });
  expect(next.incidents).toEqual([{ kind: 'resolved', component: 'api', incident: ORPHAN }]);
  expect(statuses(ORPHAN)).toEqual(['investigating', 'resolved']);
});

test('with automatic issues on, an incident without its issue is owed one', () => {
  writeFileSync(join(dir, 'heliograph.yaml'), `${CONFIG}github:\n  auto_issues: true\n`);
  killedRunLeftovers();
  const next = run(T0 + 5 * MIN, { api: 'major_outage' });
  expect(next.incidents).toEqual([
    {
      kind: 'opened',
      component: 'api',
      incident: ORPHAN,
      note: 'its GitHub issue was not opened with it; opening it now',
    },
  ]);
});

test('a component with two unresolved automatic incidents tracks one, then the other', () => {
  const open = (id: string, startedAt: number): OpenProberIncident => ({
    id,
    startedAt,
    troubled: [{ id: 'api', status: 'major_outage' }],
    githubIssue: null,
  });
  const since = new Date(T0).toISOString();
  const tracked = {
    version: 1 as const,
    components: { api: { confirmed: 'major_outage' as const, since, count: 0, incident: 'b' } },
  };
  // It keeps the one it tracks…
  expect(reconcileState(tracked, [open('a', T0), open('b', T0 + MIN)])).toEqual({
    state: tracked,
    attached: [],
  });
  // …and once that one is resolved, takes the oldest of the others.
  const after = {
    version: 1 as const,
    components: { api: { confirmed: 'operational' as const, since, count: 0 } },
  };
  expect(
    reconcileState(
      after,
      [open('c', T0 + 2 * MIN), open('a', T0)].sort((x, y) => x.startedAt - y.startedAt),
    ),
  ).toEqual({
    state: {
      version: 1,
      components: { api: { confirmed: 'major_outage', since, count: 0, incident: 'a' } },
    },
    attached: [{ component: 'api', incident: 'a' }],
  });
});
