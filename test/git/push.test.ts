/**
 * The push path with real git: a temporary bare repository and clones that record and commit
 * probe runs and push through `pushWithRetry`. Every sample from both sides is on the remote and
 * every file still parses; a remote that keeps refusing is retried a bounded number of times
 * with growing, jittered waits; a commit whose change upstream already holds is dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseSamples } from '../../src/lib/history/format.ts';
import { pushWithRetry, PushError, PUSH_RETRY } from '../../src/lib/git/push.ts';
import { pushMain } from '../../src/lib/git/push-cli.ts';
import type { HealthStatus } from '../../src/lib/status.ts';
import {
  checkout,
  git,
  makeRepos,
  parseEverything,
  recordInClone,
  SMALL_CONFIG,
  type Repos,
} from '../support/git-repos.ts';

let repos: Repos | undefined;
afterEach(() => repos?.remove());

/** A configuration that confirms trouble after two runs, as the example does. */
const CONFIG = {
  'content/heliograph.yaml': SMALL_CONFIG.replace('confirm_down: 1', 'confirm_down: 2'),
};

/** Records one run in a clone and commits it, as the probe workflow does. */
function probeRun(clone: string, at: string, statuses: Record<string, HealthStatus>): void {
  const path = repos!.path(clone);
  recordInClone(path, Date.parse(at), statuses);
  git(path, 'add', '-A');
  git(path, 'commit', '-q', '-m', `probe run ${at}`);
}

/** The samples of a checkout's day file, as `HH:MM component status`, sorted. */
function samplesOf(check: string, date: string): string[] {
  const text = readFileSync(join(check, 'content/history', `${date}.tsv`), 'utf8');
  const { samples, problems } = parseSamples(text, date);
  expect(problems).toEqual([]);
  return samples
    .map((s) => `${new Date(s.at).toISOString().slice(11, 16)} ${s.component} ${s.status}`)
    .sort();
}

test('two clones push probe runs; both runs’ samples survive and every file parses', async () => {
  repos = makeRepos(CONFIG);
  repos.clone('a');
  repos.clone('b');
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'operational', web: 'operational' });
  probeRun('b', '2026-11-21T09:05:00Z', { api: 'major_outage', web: 'operational' });
  expect(await repos.push('a')).toEqual({ attempts: 1, merged: [] });
  const b = await repos.push('b');
  expect(b.attempts).toBe(2);
  // Both runs created the state file: merged component by component.
  expect(b.merged).toEqual(['content/history/state.json: merged (probe state)']);

  const check = checkout(repos);
  expect(samplesOf(check, '2026-11-21')).toEqual([
    '09:00 api operational',
    '09:00 web operational',
    '09:05 api major_outage',
    '09:05 web operational',
  ]);
  parseEverything(check);
  expect(git(check, 'log', '--format=%s').trim().split('\n')).toEqual([
    'probe run 2026-11-21T09:05:00Z',
    'probe run 2026-11-21T09:00:00Z',
    'seed',
  ]);
});

test('runs that open incidents on both sides both keep them', async () => {
  repos = makeRepos(CONFIG);
  repos.clone('a');
  repos.clone('b');
  // Both clones see api down twice (confirmation 2): each opens its own automatic incident.
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'major_outage' });
  probeRun('a', '2026-11-21T09:05:00Z', { api: 'major_outage' });
  probeRun('b', '2026-11-21T09:01:00Z', { api: 'major_outage' });
  probeRun('b', '2026-11-21T09:06:00Z', { api: 'major_outage' });
  await repos.push('a');
  expect((await repos.push('b')).attempts).toBe(2);
  const check = checkout(repos);
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
  const { state } = parseEverything(check);
  // The api tracks one of them; the other is attached when that one is resolved.
  expect(['auto-api-20261121-0905', 'auto-api-20261121-0906']).toContain(
    state.components['api']!.incident,
  );
});

test('a remote that keeps refusing: bounded attempts, waits that grow, with jitter', async () => {
  repos = makeRepos(CONFIG);
  repos.clone('a');
  const other = repos.clone('other');
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'operational' });
  // Before each of a's pushes, another writer pushes first: a's push is always stale.
  let n = 0;
  const real = repos.runner('a');
  const busy = async (args: readonly string[]): Promise<string> => {
    if (args[0] === 'push') {
      repos!.commitFile('other', `notes/${++n}.txt`, `${n}\n`);
      git(other, 'push', '-q', 'origin', 'HEAD:main');
    }
    return real(args);
  };
  const waits: number[] = [];
  const error = await pushWithRetry({
    git: busy,
    root: repos.path('a'),
    attempts: 4,
    delayMs: 100,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PushError);
  expect((error as PushError).kind).toBe('rejected');
  expect((error as Error).message).toBe(
    'push to origin/main failed after 4 attempts (the remote refused it); the commits stay here for the next push',
  );
  // 100, 200, 400 ms, each drawn down by up to half (here a quarter: random() = 0.5).
  expect(waits).toEqual([75, 150, 300]);
  expect(n).toBe(4);
  // The local run is intact, rebased on everything the other writer pushed.
  expect(git(repos.path('a'), 'log', '-1', '--format=%s').trim()).toBe(
    'probe run 2026-11-21T09:00:00Z',
  );
});

test('waits are bounded, and jitter spreads them between half and the whole', async () => {
  repos = makeRepos(CONFIG);
  repos.clone('a');
  probeRun('a', '2026-11-21T09:00:00Z', { api: 'operational' });
  const real = repos.runner('a');
  const refusing = (args: readonly string[]): Promise<string> =>
    args[0] === 'push' ? Promise.reject(new Error('remote: rejected')) : real(args);
  for (const [random, expected] of [
    [0, [PUSH_RETRY.maxDelayMs / 2, PUSH_RETRY.maxDelayMs]],
    [0.999_999, [PUSH_RETRY.maxDelayMs / 4, PUSH_RETRY.maxDelayMs / 2]],
  ] as const) {
    const waits: number[] = [];
    await pushWithRetry({
      git: refusing,
      root: repos.path('a'),
      attempts: 3,
      delayMs: PUSH_RETRY.maxDelayMs / 2,
      random: () => random,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    }).catch(() => undefined);
    expect(waits).toEqual(expected);
  }
});

/** A rollup line of 2026-11-<day> for a component. */
const rollup = (day: number, component: string): string =>
  `2026-11-${day}\t${component}\t1440\t0\t0\t0\t120\n`;
const ROLLUPS = 'content/history/daily/2026.tsv';

test('a commit whose change upstream already holds is dropped, not pushed empty', async () => {
  repos = makeRepos({ ...CONFIG, [ROLLUPS]: rollup(20, 'api') });
  repos.clone('a');
  repos.clone('b');
  repos.commitFile('a', ROLLUPS, rollup(20, 'api') + rollup(21, 'api') + rollup(21, 'web'), 'a');
  git(repos.path('a'), 'push', '-q', 'origin', 'HEAD:main');
  // b rolled up part of the same day: merged, its commit changes nothing upstream lacks.
  repos.commitFile('b', ROLLUPS, rollup(20, 'api') + rollup(21, 'api'), 'b');
  const result = await repos.push('b');
  expect(result).toEqual({ attempts: 2, merged: [`${ROLLUPS}: merged (rollups)`] });
  const check = checkout(repos);
  expect(git(check, 'log', '--format=%s').trim().split('\n')).toEqual(['a', 'seed']);
  expect(readFileSync(join(check, ROLLUPS), 'utf8')).toBe(
    rollup(20, 'api') + rollup(21, 'api') + rollup(21, 'web'),
  );
});

test('a rebase a killed push left behind is aborted first; the commits are pushed', async () => {
  repos = makeRepos({ ...CONFIG, [ROLLUPS]: rollup(20, 'api') });
  const a = repos.clone('a');
  repos.clone('b');
  repos.commitFile('b', ROLLUPS, rollup(20, 'api') + rollup(21, 'api'));
  git(repos.path('b'), 'push', '-q', 'origin', 'HEAD:main');
  repos.commitFile('a', ROLLUPS, rollup(20, 'api') + rollup(21, 'web'));
  git(a, 'fetch', '-q', 'origin', 'main');
  // A rebase stops on the file and is left there, as by a push killed before it settled it.
  expect(() => git(a, '-c', 'merge.heliograph.driver=false', 'rebase', 'FETCH_HEAD')).toThrow();
  const lines: string[] = [];
  await pushWithRetry({
    git: repos.runner('a'),
    root: a,
    sleep: () => Promise.resolve(),
    log: (l) => lines.push(l),
  });
  expect(lines[0]).toBe('a stopped rebase was left behind; aborted it');
  expect(readFileSync(join(checkout(repos), ROLLUPS), 'utf8')).toBe(
    rollup(20, 'api') + rollup(21, 'api') + rollup(21, 'web'),
  );
});

test('npm run push -- --commit: commits the content folder once, then pushes', async () => {
  repos = makeRepos(CONFIG);
  const a = repos.clone('a');
  recordInClone(a, Date.parse('2026-11-21T09:00:00Z'), { api: 'operational' });
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await pushMain(argv, {
      cwd: a,
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      sleep: () => Promise.resolve(),
    });
    return { code, out: out.join('') };
  };
  const first = await run(
    '--commit',
    'probe run 09:00',
    '--commit-name',
    'Box',
    '--commit-email',
    'box@example.com',
  );
  expect(first).toEqual({ code: 0, out: 'committed content\npushed after 1 attempt(s)\n' });
  expect(await run('--commit', 'probe run 09:00')).toEqual({
    code: 0,
    out: 'nothing to commit\npushed after 1 attempt(s)\n',
  });
  const check = checkout(repos);
  expect(git(check, 'log', '--format=%s|%an <%ae>').trim().split('\n')).toEqual([
    'probe run 09:00|Box <box@example.com>',
    `seed|Test <test@heliograph.invalid>`,
  ]);
  parseEverything(check);
});
