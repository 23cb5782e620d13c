/**
 * Recording runs in a real temporary content folder: samples appended, confirmation across runs,
 * automatic incidents opened once and resolved with the editor's text kept, rollups and pruning.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { recordRun } from '../../src/lib/record/record.ts';
import type { ComponentResult } from '../../src/lib/measure/run.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const RUN = 5 * 60_000;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-record-'));
  writeFileSync(join(dir, 'heliograph.yaml'), CONFIG);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Records one run at `T0 + n` intervals with the given statuses. */
function run(n: number, statuses: Record<string, HealthStatus>, reason = 'expected 200, got 503') {
  const at = T0 + n * RUN;
  const results: ComponentResult[] = Object.entries(statuses).map(([component, status]) => ({
    component,
    at,
    status,
    ms: status === 'major_outage' ? null : 120,
    reason: status === 'operational' ? undefined : reason,
    checks: [],
  }));
  return recordRun({ contentDir: dir, config: loadConfig(dir), results, now: at });
}

function incidents() {
  const ids = new Set(['api', 'web']);
  return readMarkdownFolder({
    root: dir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: ids,
  });
}

describe('samples', () => {
  test('one line per run appended to the UTC day file; a steady run touches one file', () => {
    run(0, { api: 'operational', web: 'operational' });
    const second = run(
      1,
      { api: 'operational', web: 'degraded_performance' },
      'slow: 2100 ms (limit 1500 ms)',
    );
    expect(readFileSync(join(dir, 'history/2026-11-21.tsv'), 'utf8')).toBe(
      'time\tapi\tweb\n09:00\t120\t120\n09:05\t120\tdegraded 120 slow: 2100 ms (limit 1500 ms)\n',
    );
    expect(second.written).toEqual(['history/2026-11-21.tsv', 'history/state.json']);
    const third = run(2, { api: 'operational', web: 'degraded_performance' });
    // The state did not change: the degraded run is pending with a count of 2 → it is confirmed,
    // so the state changes; a fourth identical run changes nothing but the samples.
    expect(third.changes).toEqual([
      { component: 'web', from: 'operational', to: 'degraded_performance', at: T0 + 2 * RUN },
    ]);
    const fourth = run(3, { api: 'operational', web: 'degraded_performance' });
    expect(fourth.written).toEqual(['history/2026-11-21.tsv']);
  });

  test('what is recorded is what the site reads back', () => {
    run(0, { api: 'major_outage', web: 'operational' });
    const history = readHistory({ dir: join(dir, 'history'), intervalMinutes: 5 });
    expect(history.components.get('api')?.last).toMatchObject({
      at: T0,
      status: 'major_outage',
      ms: null,
      reason: 'expected 200, got 503',
    });
    expect(history.warnings).toEqual([]);
  });
});

describe('confirmation and automatic incidents', () => {
  test('one failed run opens no incident; two do; recovery needs two runs too', () => {
    expect(run(0, { api: 'major_outage' }).incidents).toEqual([]);
    expect(existsSync(join(dir, 'incidents'))).toBe(false);
    const opened = run(1, { api: 'major_outage' });
    expect(opened.incidents).toEqual([
      { kind: 'opened', component: 'api', incident: 'auto-api-20261121-0905' },
    ]);
    const [id, entry] = [...incidents()][0]!;
    expect(id).toBe('auto-api-20261121-0905');
    expect(entry.data).toMatchObject({
      title: 'API: service unavailable',
      impact: 'major',
      components: { api: 'major_outage' },
      source: 'prober',
      updates: [
        {
          status: 'investigating',
          // Customers' words in the text; what the checks saw in the detail, for editors.
          text: 'We are seeing problems with API: the service cannot be used at the moment. We are working on it and will post updates here.',
          detail: 'expected 200, got 503',
        },
      ],
    });
    expect(run(2, { api: 'operational' }).incidents).toEqual([]);
    const resolved = run(3, { api: 'operational' });
    expect(resolved.incidents).toEqual([
      { kind: 'resolved', component: 'api', incident: 'auto-api-20261121-0905' },
    ]);
    const updates = incidents().get('auto-api-20261121-0905')!.data.updates;
    expect(updates.at(-1)).toEqual({
      at: '2026-11-21T09:15:00Z',
      status: 'resolved',
      text: 'The problem with API is solved: the service works normally again. It lasted 10 min.',
    });
  });

  test('a flapping service opens no storm of incidents', () => {
    for (let n = 0; n < 40; n++) run(n, { api: n % 2 ? 'major_outage' : 'operational' });
    expect(existsSync(join(dir, 'incidents'))).toBe(false);
  });

  test('no second incident while one is unresolved for the component, and editors keep their words', () => {
    run(0, { web: 'major_outage' });
    run(1, { web: 'major_outage' });
    const file = join(dir, 'incidents/auto-web-20261121-0905.md');
    // An editor adds a comment, rewrites the title and posts an update.
    const edited = readFileSync(file, 'utf8')
      .replace(
        'title: "Website: service unavailable"',
        '# Written by Ada\ntitle: Checkout down for EU customers',
      )
      .replace(
        'updates:\n',
        'updates:\n  - at: 2026-11-21T09:07:00Z\n    status: identified\n    text: A bad deploy; rolling back.\n',
      );
    writeFileSync(file, edited);
    run(2, { web: 'operational' });
    run(3, { web: 'operational' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Written by Ada\ntitle: Checkout down for EU customers');
    expect(text).toContain('text: A bad deploy; rolling back.');
    expect(text).toMatch(
      /status: resolved\n\s+text: "?The problem with Website is solved: the service works normally again\. It lasted 10 min\./,
    );
    // Down again: a new incident, since the first is resolved.
    run(4, { web: 'major_outage' });
    expect(run(5, { web: 'major_outage' }).incidents[0]).toMatchObject({ kind: 'opened' });

    // An editor's own unresolved incident on api stops the prober from opening another.
    mkdirSync(join(dir, 'incidents'), { recursive: true });
    writeFileSync(
      join(dir, 'incidents/api-by-hand.md'),
      '---\ntitle: API trouble\nimpact: minor\ncomponents: { api: partial_outage }\nupdates:\n  - { at: 2026-11-21T09:20:00Z, status: investigating, text: Looking. }\n---\n',
    );
    run(6, { api: 'major_outage' });
    expect(run(7, { api: 'major_outage' }).incidents).toEqual([
      {
        kind: 'skipped',
        component: 'api',
        incident: 'api-by-hand',
        note: 'an unresolved incident already covers it',
      },
    ]);
    expect(readdirSync(join(dir, 'incidents')).sort()).toEqual([
      'api-by-hand.md',
      'auto-web-20261121-0905.md',
      'auto-web-20261121-0925.md',
    ]);
  });

  test('degraded performance shows but opens no incident', () => {
    run(0, { api: 'degraded_performance' });
    expect(run(1, { api: 'degraded_performance' }).changes).toHaveLength(1);
    expect(existsSync(join(dir, 'incidents'))).toBe(false);
  });
});

describe('rollups and retention', () => {
  test('the first run of a local day rolls up the days before; samples past retention are pruned', () => {
    // Samples on 18, 19 and 20 November (UTC), then a run on the 21st.
    mkdirSync(join(dir, 'history'), { recursive: true });
    const day = (): string =>
      'time\tapi\n' +
      Array.from(
        { length: 288 },
        (_, i) =>
          `${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}\t${i < 12 ? 'down -' : '100'}\n`,
      ).join('');
    writeFileSync(join(dir, 'history/2026-11-18.tsv'), day());
    writeFileSync(join(dir, 'history/2026-11-19.tsv'), day());
    writeFileSync(join(dir, 'history/2026-11-20.tsv'), day());
    writeFileSync(
      join(dir, 'heliograph.yaml'),
      CONFIG.replace('retention_days: 90', 'retention_days: 2'),
    );
    const outcome = run(0, { api: 'operational' });
    // Local days in Europe/Rome (UTC+1): 18 Nov local starts at 17 Nov 23:00 UTC, an hour before
    // the first sample, so it has 23 hours observed; each day's first UTC hour is down.
    expect(outcome.rollupDays).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(readFileSync(join(dir, 'history/daily/2026.tsv'), 'utf8')).toBe(
      '2026-11-18\tapi\t1380\t0\t0\t60\t100\n' +
        '2026-11-19\tapi\t1440\t0\t0\t60\t100\n' +
        '2026-11-20\tapi\t1440\t0\t0\t60\t100\n',
    );
    // Two days' retention: the file of the 18th goes; its days are rolled up.
    expect(outcome.pruned).toEqual(['history/2026-11-18.tsv']);
    expect(existsSync(join(dir, 'history/2026-11-18.tsv'))).toBe(false);
    // The next run of the same day writes no rollup again.
    expect(run(1, { api: 'operational' }).rollupDays).toEqual([]);
  });

  test('a corrupt state file is reported and counters start afresh', () => {
    mkdirSync(join(dir, 'history'), { recursive: true });
    writeFileSync(join(dir, 'history/state.json'), '{"version": 1, "components": ');
    const outcome = run(0, { api: 'operational' });
    expect(outcome.warnings[0]).toMatch(/^history\/state\.json is not JSON/);
    expect(JSON.parse(readFileSync(join(dir, 'history/state.json'), 'utf8'))).toMatchObject({
      version: 1,
    });
  });
});

const CONFIG = `site:
  title: Test status
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: api
    name: API
    checks: [{ type: tcp, host: 127.0.0.1, port: 9 }]
  - id: web
    name: Website
    checks: [{ type: http, url: 'http://127.0.0.1:9/' }]
probe:
  retention_days: 90
`;
