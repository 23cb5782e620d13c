/**
 * One outage, one incident, lived through the real prober: the probe command runs real checks
 * against a local HTTP server. WhatsApp, Instagram and Facebook (a `related` set) fail in the same
 * run and open one incident; Messenger, of the same set, fails while it is open and joins it; an
 * unrelated website outage meanwhile gets an incident of its own; WhatsApp recovers first (an
 * update says so) and the incident is resolved once the last of them recovers.
 *
 * Then an editor's own incident about the same outage is merged into it with `incident merge`,
 * and the site is built: the merged incident is listed nowhere (pages, feeds, API), its permalink
 * leads to the one it joined, and its updates keep the ids they were published with.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { incidentMain } from '../../src/lib/editor/cli.ts';
import { fill, messages } from '../../src/lib/i18n/messages.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';

const T0 = Date.parse('2026-10-04T15:40:00Z');
const RUN = 5 * 60_000;
const COMPONENTS = ['whatsapp', 'instagram', 'facebook', 'messenger', 'website'] as const;
type Component = (typeof COMPONENTS)[number];
const NAMES: Record<Component, string> = {
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  facebook: 'Facebook',
  messenger: 'Messenger',
  website: 'Website',
};

/** Which components the local server answers 503 for. */
let down = new Set<Component>();
let server: Server;
let origin = '';
let root = '';
let content = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const component = (req.url ?? '/').slice(1) as Component;
    res.statusCode = down.has(component) ? 503 : 200;
    res.end(res.statusCode === 200 ? 'ok' : 'unavailable');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = mkdtempSync(join(tmpdir(), 'heliograph-outage-'));
  content = join(root, 'content');
  writeContent(content, origin);
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  if (root && !process.env['HELIOGRAPH_KEEP_SITES']) rmSync(root, { recursive: true, force: true });
});

const t = messages('en').incidentText;
const auto = 'auto-whatsapp-20261004-1540';

/** One probe run at T0 + n runs with the given components down; returns what it printed. */
async function probeRun(n: number, failing: Component[]): Promise<string> {
  down = new Set(failing);
  const out: string[] = [];
  const err: string[] = [];
  const code = await probeMain(['--content', content], {
    env: {},
    now: () => T0 + n * RUN,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    runner: runCheck,
  });
  expect(err.join(''), `run ${n}`).toBe('');
  expect(code, `run ${n}`).toBe(0);
  return out.join('');
}

function incident(id: string) {
  const text = readFileSync(join(content, 'incidents', `${id}.md`), 'utf8');
  const parsed = parseIncidentFile(text, id, new Set(COMPONENTS));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.data.data;
}

const incidentFiles = (): string[] => readdirSync(join(content, 'incidents')).sort();

describe('the prober', () => {
  test('three related components failing in one run open one incident that affects all three', async () => {
    const out = await probeRun(0, ['whatsapp', 'instagram', 'facebook']);
    expect(out).toContain(`incident opened: ${auto} (whatsapp, instagram, facebook)`);
    expect(incidentFiles()).toEqual([`${auto}.md`]);
    const data = incident(auto);
    expect(data.title).toBe(
      fill(t.autoTitleMany.major_outage, { names: 'WhatsApp, Instagram, and Facebook' }),
    );
    expect(data.components).toEqual({
      whatsapp: 'major_outage',
      instagram: 'major_outage',
      facebook: 'major_outage',
    });
    expect(data.updates).toEqual([
      {
        at: '2026-10-04T15:40:00Z',
        status: 'investigating',
        text: fill(t.autoOpenedMany.major_outage, { names: 'WhatsApp, Instagram, and Facebook' }),
        detail:
          'WhatsApp: expected 2xx, got 503; Instagram: expected 2xx, got 503; Facebook: expected 2xx, got 503',
      },
    ]);
  });

  test('a fourth of the set failing while it is open joins it; an unrelated outage opens its own', async () => {
    const out = await probeRun(1, ['whatsapp', 'instagram', 'facebook', 'messenger', 'website']);
    expect(out).toContain(`incident joined: ${auto} (messenger)`);
    expect(out).toContain('incident opened: auto-website-20261004-1545 (website)');
    expect(incidentFiles()).toEqual(['auto-website-20261004-1545.md', `${auto}.md`]);
    expect(incident(auto).updates.at(-1)).toEqual({
      at: '2026-10-04T15:45:00Z',
      status: 'investigating',
      components: { messenger: 'major_outage' },
      text: fill(t.autoJoined, { names: 'Messenger' }),
      detail: 'Messenger: expected 2xx, got 503',
    });
  });

  test('one recovering before the others gets an update; the last recovery resolves all together', async () => {
    await probeRun(2, ['instagram', 'facebook', 'messenger']);
    expect(incident(auto).updates.at(-1)).toEqual({
      at: '2026-10-04T15:50:00Z',
      status: 'investigating',
      components: { whatsapp: 'operational' },
      text: fill(t.autoRecoveredPart, { names: 'WhatsApp' }),
    });
    expect(incident('auto-website-20261004-1545').updates.at(-1)?.status).toBe('resolved');
    const out = await probeRun(3, []);
    expect(out).toContain(`incident resolved: ${auto} (instagram, facebook, messenger)`);
    const { updates } = incident(auto);
    expect(updates.map((u) => u.status)).toEqual([
      'investigating',
      'investigating',
      'investigating',
      'resolved',
    ]);
    expect(updates.at(-1)).toEqual({
      at: '2026-10-04T15:55:00Z',
      status: 'resolved',
      text: fill(t.autoRecoveredMany, {
        names: 'WhatsApp, Instagram, Facebook, and Messenger',
        duration: '15 min',
      }),
    });
    expect(incidentFiles()).toHaveLength(2);
  });
});

describe('an editor merges their own incident into it, and the site is built', () => {
  const NOW = new Date(T0 + 4 * RUN).toISOString();
  let dist = '';

  beforeAll(async () => {
    writeFileSync(
      join(content, 'incidents', 'meta-down.md'),
      `---
title: Meta's apps are down
impact: critical
components: { whatsapp: major_outage, instagram: major_outage }
updates:
  - at: 2026-10-04T15:42:00Z
    status: identified
    text: Meta's network is down worldwide. Write to us by e-mail.
  - at: 2026-10-04T15:52:00Z
    status: resolved
    text: WhatsApp is back.
---

We answered every message the same evening.
`,
    );
    const out: string[] = [];
    const code = await incidentMain(['merge', auto, 'meta-down', '--content', content], {
      contentDir: content,
      now: () => T0 + 4 * RUN,
      stdout: (s) => out.push(s),
      stderr: (s) => out.push(s),
      isTTY: false,
      prompt: () => Promise.resolve(undefined),
    });
    expect(out.join('')).toContain(`Merged meta-down into ${auto}: 2 updates moved.`);
    expect(code).toBe(0);
    dist = join(root, 'dist');
    await buildSite({ content, out: dist, now: NOW });
  }, 300_000);

  const read = (path: string): string => readFileSync(join(dist, path), 'utf8');

  test('the kept incident has every update in time order, the union of components, the worse impact', () => {
    const data = incident(auto);
    expect(data.impact).toBe('critical');
    expect(Object.keys(data.components).sort()).toEqual(['facebook', 'instagram', 'whatsapp']);
    expect(data.updates.map((u) => [u.at, u.status, u.merged_from ?? ''])).toEqual([
      ['2026-10-04T15:40:00Z', 'investigating', ''],
      ['2026-10-04T15:42:00Z', 'identified', 'meta-down'],
      ['2026-10-04T15:45:00Z', 'investigating', ''],
      ['2026-10-04T15:50:00Z', 'investigating', ''],
      // The editor's "resolved" came while the outage went on: it no longer resolves the whole.
      ['2026-10-04T15:52:00Z', 'investigating', 'meta-down'],
      ['2026-10-04T15:55:00Z', 'resolved', ''],
    ]);
    // The other file stays, as a stub that leads to it.
    expect(incident('meta-down')).toMatchObject({
      title: "Meta's apps are down",
      merged_into: auto,
      updates: [],
    });
  });

  test('its permalink leads to the kept incident: a refresh and a canonical link', () => {
    const page = read('incidents/meta-down/index.html');
    const target = `https://status.example.com/incidents/${auto}/`;
    expect(page).toContain(`<meta http-equiv="refresh" content="0; url=${target}">`);
    expect(page).toContain(`<link rel="canonical" href="${target}">`);
    expect(page).toContain(`href="/incidents/${auto}/"`);
    expect(read(`incidents/${auto}/index.html`)).toContain("Meta's network is down worldwide.");
  });

  test('it is listed nowhere: home, history, feeds, API', () => {
    for (const path of ['index.html', 'history/index.html', 'api/v2/incidents/all.json']) {
      expect(read(path), path).not.toContain('meta-down"');
    }
    const all = JSON.parse(read('api/v2/incidents/all.json')) as {
      incidents: { id: string; incident_updates: { id: string }[] }[];
    };
    expect(all.incidents.map((i) => i.id).sort()).toEqual(['auto-website-20261004-1545', auto]);
    // Its updates keep the ids they were published with: no reader or target gets them again.
    const kept = all.incidents.find((i) => i.id === auto)!;
    expect(kept.incident_updates.map((u) => u.id)).toContain('meta-down-20261004t1542');
    const feed = read('atom.xml');
    expect(feed).toContain(
      '<id>https://status.example.com/incidents/meta-down/#meta-down-20261004t1542</id>',
    );
    expect(feed).toContain(
      `href="https://status.example.com/incidents/${auto}/#meta-down-20261004t1542"`,
    );
    expect(feed).not.toContain('<title>Resolved: Meta');
  });
});

/** A site whose five components are checked on the local server; Meta's four are related. */
function writeContent(dir: string, server: string): void {
  mkdirSync(dir, { recursive: true });
  const components = COMPONENTS.map(
    (id) =>
      `  - id: ${id}\n    name: ${NAMES[id]}\n    checks: [{ type: http, url: '${server}/${id}', timeout_seconds: 5 }]\n`,
  ).join('');
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Forno Aurora
  url: https://status.example.com
  time_zone: Europe/Rome
components:
${components}related:
  - [whatsapp, instagram, facebook, messenger]
probe:
  retries: 0
  confirm_down: 1
  confirm_up: 1
`,
  );
}
