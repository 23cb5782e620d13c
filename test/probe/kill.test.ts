/**
 * A killed run leaves every file parseable, and the next run continues. The real probe command
 * runs in a child process with `HELIOGRAPH_STOP_AT_WRITE=N` (src/lib/fs/write-points.ts): it stops
 * at the Nth step of its write phase — a temporary file written, a rename, a removal — and is
 * killed there with SIGKILL. N goes from 1 until a run ends without reaching it, so every write
 * point is hit once, whatever the machine's speed: the samples, the state, an incident opened, an
 * incident resolved, the issue number written into it, the rollups and the pruned day. After
 * each kill every file parses, and a whole run from there ends with one unresolved incident for
 * the outage, tracked by the state, with exactly one issue.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { STOP_AT_WRITE } from '../../src/lib/fs/write-points.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { stateSchema } from '../../src/lib/history/state.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { probeInProcess } from '../support/probe-in-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DAY = 86_400_000;
/** The automatic incident the content starts with, for the service that has recovered. */
const OLD_INCIDENT = 'auto-svc-up-20200101-0000';

let server: Server;
let origin: string;
let fake: FakeGithub;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.statusCode = req.url === '/down' ? 503 : 200;
    res.end(req.url === '/down' ? 'down' : 'ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = await FakeGithub.start();
});
afterAll(async () => {
  await fake.stop();
  await new Promise<void>((done) => server.close(() => done()));
});

/**
 * A content folder where one run writes at every kind of write point: svc-down is newly down (an
 * incident and its issue are opened), svc-up has recovered (its incident is resolved), samples
 * from three days ago to yesterday are rolled up and the oldest pruned.
 */
function writeContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-kill-'));
  const ids = ['svc-down', 'svc-up', 'svc-steady'];
  const urls = { 'svc-down': '/down', 'svc-up': '/up', 'svc-steady': '/up' };
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:\n  title: Kill test\n  url: https://status.example.com\n  time_zone: Europe/Rome\ncomponents:\n${ids
      .map(
        (id) =>
          `  - id: ${id}\n    name: ${id}\n    checks: [{ type: http, url: '${origin}${urls[id as keyof typeof urls]}', retries: 0 }]\n`,
      )
      .join(
        '',
      )}probe:\n  confirm_down: 1\n  confirm_up: 1\n  retention_days: 2\ngithub:\n  auto_issues: true\n`,
  );
  mkdirSync(join(dir, 'history'));
  mkdirSync(join(dir, 'incidents'));
  for (const daysAgo of [3, 2, 1]) {
    const date = new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
    writeFileSync(
      join(dir, `history/${date}.tsv`),
      `time\t${ids.join('\t')}\n12:00\t100\tdown - expected 2xx, got 503\t100\n`,
    );
  }
  const since = new Date(Date.now() - 3 * DAY).toISOString();
  writeFileSync(
    join(dir, 'history/state.json'),
    `${JSON.stringify({
      version: 1,
      components: {
        'svc-down': { confirmed: 'operational', since, count: 0 },
        'svc-steady': { confirmed: 'operational', since, count: 0 },
        'svc-up': { confirmed: 'major_outage', since, count: 0, incident: OLD_INCIDENT },
      },
    })}\n`,
  );
  writeFileSync(
    join(dir, `incidents/${OLD_INCIDENT}.md`),
    `---\ntitle: svc-up is down\nimpact: major\ncomponents:\n  svc-up: major_outage\nsource: prober\nupdates:\n  - at: '${since}'\n    status: investigating\n    text: Our checks find svc-up down.\n---\n`,
  );
  return dir;
}

const githubEnv = () => ({
  GITHUB_TOKEN: fake.token,
  GITHUB_API_URL: fake.url,
  GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
});

/**
 * Starts the probe command to stop at write point `n`; kills it there with SIGKILL. Resolves with
 * the point it was killed at, or undefined when the run ended without reaching it (its exit code).
 */
function killAtWritePoint(
  dir: string,
  n: number,
): Promise<{ point?: string | undefined; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/probe.ts'), '--content', dir], {
      env: { ...process.env, ...githubEnv(), [STOP_AT_WRITE]: String(n) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let point: string | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const stopped = /heliograph: stopped at write point (\d+) \((.*)\)/.exec(stderr);
      if (stopped && point === undefined) {
        point = stopped[2]!;
        child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (point !== undefined && signal !== 'SIGKILL') fail(new Error(`not killed: ${stderr}`));
      else done({ point, code });
    });
  });
}

/** A whole run, in process. */
function completeRun(dir: string): Promise<{ code: number; out: string }> {
  return probeInProcess(['--content', dir], { env: githubEnv(), github: fake });
}

/** Every file the prober writes, parsed the way its readers parse it; returns the problems. */
function unparseable(dir: string): string[] {
  const problems: string[] = [];
  const config = loadConfig(dir);
  const history = readHistory({ dir: join(dir, 'history'), intervalMinutes: 5 });
  problems.push(...history.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`));
  try {
    incidents(dir, new Set(config.components.map((c) => c.id)));
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    const text = readFileSync(join(dir, 'history/state.json'), 'utf8');
    if (!stateSchema.safeParse(JSON.parse(text)).success)
      problems.push('state.json does not match its schema');
  } catch (error) {
    problems.push(`state.json: ${(error as Error).message}`);
  }
  return problems;
}

function incidents(dir: string, ids?: ReadonlySet<string>) {
  const known = ids ?? new Set(loadConfig(dir).components.map((c) => c.id));
  return readMarkdownFolder({
    root: dir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: known,
  });
}

/** The components of the incidents still unresolved. */
function unresolvedComponents(dir: string): string[] {
  return [...incidents(dir).values()]
    .filter((e) => e.data.updates.at(-1)?.status !== 'resolved')
    .flatMap((e) => Object.keys(e.data.components))
    .sort();
}

test('a run killed at each point of its write phase leaves every file parseable, and the next run continues', async () => {
  const points: string[] = [];
  for (let n = 1; ; n++) {
    fake.reset();
    const dir = writeContent();
    try {
      const killed = await killAtWritePoint(dir, n);
      if (killed.point === undefined) {
        // Past the last write point: the run went through whole.
        expect(killed.code).toBe(0);
        break;
      }
      points.push(killed.point.replace(dir, '').replace(/\.heliograph-tmp-.*$/, '.tmp'));
      expect(unparseable(dir), `after a kill at ${killed.point}`).toEqual([]);

      const next = await completeRun(dir);
      expect(next.code, next.out).toBe(0);
      expect(unparseable(dir), `after the run that followed ${killed.point}`).toEqual([]);
      // The outage is covered by one incident, the recovered service by none.
      expect(unresolvedComponents(dir), `after ${killed.point}`).toEqual(['svc-down']);
      // One issue for the outage, whichever run opened it: never two, never none.
      expect(fake.issues.length, `after ${killed.point}`).toBe(1);
      // And the state tracks the outage's incident, so that recovery resolves it.
      const [id, entry] = [...incidents(dir)].find(([, e]) => 'svc-down' in e.data.components)!;
      expect(entry.data.github_issue, `after ${killed.point}`).toBe(fake.issues[0]!.number);
      const state = stateSchema.parse(
        JSON.parse(readFileSync(join(dir, 'history/state.json'), 'utf8')),
      );
      expect(state.components['svc-down']?.incident, `after ${killed.point}`).toBe(id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Every kind of write was among the points killed at, both before and after its rename.
  const kinds = points.map((p) => p.replace(/\S+$/, (path) => basename(path)));
  expect(points.length).toBeGreaterThanOrEqual(12);
  // The outage's incident is written twice: opened, then given its issue's number.
  expect(kinds.filter((k) => /^renamed auto-svc-down-.*\.md$/.test(k))).toHaveLength(2);
  for (const expected of [
    /^temp written \d{4}-\d\d-\d\d\.tsv\.tmp$/,
    /^renamed \d{4}-\d\d-\d\d\.tsv$/,
    /^renamed state\.json$/,
    /^renamed auto-svc-down-.*\.md$/,
    new RegExp(`^renamed ${OLD_INCIDENT}\\.md$`),
    /^renamed \d{4}\.tsv$/,
    /^removed \d{4}-\d\d-\d\d\.tsv$/,
  ]) {
    expect(
      kinds.some((k) => expected.test(k)),
      `${expected} among ${kinds.join(', ')}`,
    ).toBe(true);
  }
}, 300_000);
