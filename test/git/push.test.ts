/**
 * The push race, with real git: a temporary bare repository and two clones each record and
 * commit a probe run; both push through the script; every sample from both is on the remote
 * and every file still parses.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { gitIn, pushWithRetry } from '../../src/lib/git/push.ts';
import { parseSamples } from '../../src/lib/history/format.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { recordRun } from '../../src/lib/record/record.ts';
import type { ComponentResult } from '../../src/lib/measure/run.ts';
import { stateSchema } from '../../src/lib/history/state.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

let root: string;
const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@heliograph.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
    },
  );

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'heliograph-push-'));
  git(root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  const seed = join(root, 'seed');
  git(root, 'clone', '-q', 'remote.git', 'seed');
  mkdirSync(join(seed, 'content'));
  writeFileSync(join(seed, 'content/heliograph.yaml'), CONFIG);
  // The repository's own rule for history files, as shipped at the top of the project.
  writeFileSync(
    join(seed, '.gitattributes'),
    readFileSync(join(import.meta.dirname, '../../.gitattributes'), 'utf8'),
  );
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'configuration');
  git(seed, 'push', '-q', 'origin', 'HEAD:main');
  for (const name of ['a', 'b']) git(root, 'clone', '-q', 'remote.git', name);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Records one run in a clone and commits it, as the probe workflow does. */
function probeRun(clone: string, at: string, statuses: Record<string, HealthStatus>): void {
  const content = join(root, clone, 'content');
  const results: ComponentResult[] = Object.entries(statuses).map(([component, status]) => ({
    component,
    at: Date.parse(at),
    status,
    ms: status === 'major_outage' ? null : 100,
    reason: status === 'major_outage' ? 'expected 2xx, got 503' : undefined,
    checks: [],
  }));
  recordRun({ contentDir: content, config: loadConfig(content), results, now: Date.parse(at) });
  git(join(root, clone), 'add', '-A');
  git(join(root, clone), 'commit', '-q', '-m', `probe run ${at}`);
}

/** The samples of a checkout's day file, as `HH:MM component status`, sorted. */
function samplesOf(checkout: string, date: string): string[] {
  const text = readFileSync(join(checkout, 'content/history', `${date}.tsv`), 'utf8');
  const { samples, problems } = parseSamples(text, date);
  expect(problems).toEqual([]);
  return samples
    .map((s) => `${new Date(s.at).toISOString().slice(11, 16)} ${s.component} ${s.status}`)
    .sort();
}

/** Every history, state and incident file of a checkout, parsed by its reader. */
function parsesEverywhere(checkout: string): void {
  const content = join(checkout, 'content');
  const config = loadConfig(content);
  expect(readHistory({ dir: join(content, 'history'), intervalMinutes: 5 }).warnings).toEqual([]);
  expect(
    stateSchema.safeParse(JSON.parse(readFileSync(join(content, 'history/state.json'), 'utf8')))
      .success,
  ).toBe(true);
  const ids = new Set(config.components.map((c) => c.id));
  readMarkdownFolder({
    root: content,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: ids,
  });
}

test('two clones push probe runs; both runs’ samples survive and every file parses', async () => {
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'operational', web: 'operational' });
  probeRun('b', '2026-11-21T09:05:00Z', { api: 'major_outage', web: 'operational' });
  const noWait = { sleep: () => Promise.resolve(), delayMs: 0 };
  expect(await pushWithRetry({ git: gitIn(join(root, 'a')), ...noWait })).toEqual({
    attempts: 1,
    resolved: [],
  });
  const b = await pushWithRetry({ git: gitIn(join(root, 'b')), ...noWait });
  expect(b.attempts).toBe(2);
  // Both runs created the state file; the run being pushed keeps its counters.
  expect(b.resolved).toEqual(['content/history/state.json (kept this run)']);

  git(root, 'clone', '-q', 'remote.git', 'check');
  const check = join(root, 'check');
  expect(samplesOf(check, '2026-11-21')).toEqual([
    '09:00 api operational',
    '09:00 web operational',
    '09:05 api major_outage',
    '09:05 web operational',
  ]);
  parsesEverywhere(check);
  expect(git(check, 'log', '--format=%s').trim().split('\n')).toEqual([
    'probe run 2026-11-21T09:05:00Z',
    'probe run 2026-11-21T09:00:00Z',
    'configuration',
  ]);
});

test('runs that open incidents on both sides both keep them', async () => {
  const noWait = { sleep: () => Promise.resolve(), delayMs: 0 };
  // Both clones see api down twice (confirmation 2): each opens its own automatic incident.
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'major_outage' });
  probeRun('a', '2026-11-21T09:05:00Z', { api: 'major_outage' });
  probeRun('b', '2026-11-21T09:01:00Z', { api: 'major_outage' });
  probeRun('b', '2026-11-21T09:06:00Z', { api: 'major_outage' });
  await pushWithRetry({ git: gitIn(join(root, 'a')), ...noWait });
  const result = await pushWithRetry({ git: gitIn(join(root, 'b')), ...noWait });
  expect(result.attempts).toBe(2);
  git(root, 'clone', '-q', 'remote.git', 'check');
  const check = join(root, 'check');
  expect(samplesOf(check, '2026-11-21')).toEqual([
    '09:00 api major_outage',
    '09:01 api major_outage',
    '09:05 api major_outage',
    '09:06 api major_outage',
  ]);
  expect(readdirSync(join(check, 'content/incidents')).sort()).toEqual([
    'auto-api-20261121-0905.md',
    'auto-api-20261121-0906.md',
  ]);
  parsesEverywhere(check);
});

test('gives up after the last attempt with the reason', async () => {
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'operational' });
  const failing = gitIn(join(root, 'a'));
  const git = (args: readonly string[]): Promise<string> =>
    args[0] === 'push' ? Promise.reject(new Error('remote: rejected')) : failing(args);
  await expect(pushWithRetry({ git, attempts: 3, sleep: () => Promise.resolve() })).rejects.toThrow(
    'push to origin/main failed after 3 attempts',
  );
});

const CONFIG = `site:
  title: Push test
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: api
    name: API
    checks: [{ type: tcp, host: 127.0.0.1, port: 9 }]
  - id: web
    name: Website
    checks: [{ type: tcp, host: 127.0.0.1, port: 9 }]
`;
