/**
 * The loop mode (`npm run probe -- --every N`) against a local HTTP server and a local bare
 * repository. In process, with the clock and the wait passed in: runs fall on the multiples of
 * the interval, a run longer than the interval skips slots rather than overlapping, and a push
 * that fails (a remote that refuses once, another writer first, the remote gone for a while)
 * leaves the run's commit for the next push, which takes it along exactly once. Spawned, with the
 * real clock: SIGTERM during a run ends the loop after that run's write and commit, with exit 0.
 */
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { renderIncident } from '../../src/lib/content/incident-document.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';
import {
  checkout,
  git,
  makeRepos,
  parseEverything,
  write,
  type Repos,
} from '../support/git-repos.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let server: Server;
let origin: string;
/** Called on each request to `/held`; answers when the promise it returns settles. */
let onHeld: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/held') void onHeld().then(() => res.end('ok'));
    else res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

let repos: Repos | undefined;
afterEach(() => {
  repos?.remove();
  repos = undefined;
  onHeld = () => Promise.resolve();
});

const config = (path: string) => `site:
  title: Loop test
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: web
    name: Website
    checks: [{ type: http, url: '${origin}${path}', timeout_seconds: 5, retries: 0 }]
`;

/** A remote with the configuration, and the loop's clone. */
function setup(path = '/ok'): string {
  repos = makeRepos({ 'content/heliograph.yaml': config(path) });
  return repos.clone('loop');
}

/**
 * Runs the loop in process from `start` with a clock that only the waits move; `between(n)` runs
 * in the wait after the nth run. Stops after `runs` runs; resolves with the exit code and output.
 */
async function loop(
  clone: string,
  options: {
    start: number;
    runs: number;
    every?: number;
    args?: string[];
    between?: (run: number) => void;
    /** Time a run takes on the clock, by run number. */
    takes?: (run: number) => number;
  },
) {
  let clock = options.start;
  let runs = 0;
  const stop = new AbortController();
  const out: string[] = [];
  const code = await probeMain(
    [
      '--content',
      join(clone, 'content'),
      '--every',
      String(options.every ?? 60),
      ...(options.args ?? []),
    ],
    {
      env: {},
      now: () => clock,
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      runner: async (check, context) => {
        const result = await runCheck(check, context);
        clock += options.takes?.(runs + 1) ?? 0;
        return result;
      },
      cwd: clone,
      stop: stop.signal,
      sleep: (ms) => {
        // The loop's waits move the clock; a push's backoff between attempts does too. A wait
        // after a run's last line ("run <slot>: <what became of it>") is the wait between runs.
        if ((out.join('').match(/^run \S+: /gm) ?? []).length > runs) {
          runs++;
          options.between?.(runs);
          if (runs >= options.runs) stop.abort();
        }
        if (stop.signal.aborted) return Promise.reject(new Error('stopped'));
        clock += ms;
        return Promise.resolve();
      },
    },
  );
  return { code, out: out.join('') };
}

/** Commit subjects of a clone or checkout, oldest first. */
const subjects = (path: string): string[] =>
  git(path, 'log', '--reverse', '--format=%s').trim().split('\n');

/** Sample lines' times (HH:MM) of one day file of a checkout. */
function sampleTimes(path: string, date: string): string[] {
  const text = readFileSync(join(path, 'content/history', `${date}.tsv`), 'utf8');
  return text
    .split('\n')
    .filter((l) => /^\d\d:\d\d\t/.test(l))
    .map((l) => l.slice(0, 5));
}

test('runs fall on the multiples of the interval; a long run skips slots, never overlaps', async () => {
  const clone = setup();
  const start = Date.parse('2026-11-21T09:00:20Z');
  // The third run takes 150 s: the slots of 09:04 and 09:05 pass while it runs.
  const result = await loop(clone, {
    start,
    runs: 5,
    takes: (n) => (n === 3 ? 150_000 : 1_000),
    args: ['--commit-name', 'Probe box', '--commit-email', 'probe@status.example.com'],
  });
  expect(result.code, result.out).toBe(0);
  expect(result.out).toContain('2 slot(s) skipped, none overlap');
  expect(result.out).toContain('stopped after 5 run(s)');
  const check = checkout(repos!);
  expect(subjects(check).slice(1)).toEqual([
    'probe run 2026-11-21T09:01Z',
    'probe run 2026-11-21T09:02Z',
    'probe run 2026-11-21T09:03Z',
    'probe run 2026-11-21T09:06Z',
    'probe run 2026-11-21T09:07Z',
  ]);
  expect(sampleTimes(check, '2026-11-21')).toEqual(['09:01', '09:02', '09:03', '09:06', '09:07']);
  expect(new Set(git(check, 'log', '-5', '--format=%an <%ae>').trim().split('\n'))).toEqual(
    new Set(['Probe box <probe@status.example.com>']),
  );
  parseEverything(check);
});

test('a refused push, another writer first, the remote gone: every run reaches it, once', async () => {
  const clone = setup();
  // The remote refuses the first push it is offered, as a branch rule or a hook might.
  const hook = join(repos!.remote, 'hooks/pre-receive');
  writeFileSync(
    hook,
    `#!/bin/sh\nif [ ! -e "${repos!.root}/refused" ]; then touch "${repos!.root}/refused"; echo "refused once" >&2; exit 1; fi\n`,
  );
  chmodSync(hook, 0o755);
  const editor = repos!.clone('editor');
  const gone = `${repos!.remote}.away`;
  const result = await loop(clone, {
    start: Date.parse('2026-11-21T09:00:20Z'),
    runs: 5,
    args: ['--attempts', '2'],
    between: (run) => {
      if (run === 2) {
        // An editor pushes an incident between two runs.
        write(
          join(editor, 'content/incidents/2026-11-21-slow.md'),
          renderIncident({
            title: 'Slow pages',
            impact: 'minor',
            components: { web: 'degraded_performance' },
            updates: [{ at: '2026-11-21T09:02:30Z', status: 'investigating', text: 'Looking.' }],
          }),
        );
        git(editor, 'add', '-A');
        git(editor, 'commit', '-qm', 'editor: slow pages');
        git(editor, 'pull', '-q', '--rebase');
        git(editor, 'push', '-q', 'origin', 'HEAD:main');
      }
      if (run === 3) renameSync(repos!.remote, gone); // the network goes
      if (run === 4) renameSync(gone, repos!.remote); // and comes back
    },
  });
  expect(result.code, result.out).toBe(0);
  // Refused once, pushed on the second attempt.
  expect(result.out).toContain('push rejected (attempt 1 of 2): refused once');
  expect(result.out).toContain('run 2026-11-21T09:01Z: pushed');
  expect(result.out).toContain('run 2026-11-21T09:02Z: pushed');
  // The editor pushed first: rebased, then pushed.
  expect(result.out).toContain('run 2026-11-21T09:03Z: pushed');
  // The remote is gone: the run stays committed here and goes with the next push.
  expect(result.out).toContain('the remote cannot be reached');
  expect(result.out).toContain('run 2026-11-21T09:04Z: not-pushed');
  expect(result.out).toContain('run 2026-11-21T09:05Z: pushed');

  const check = checkout(repos!);
  expect(subjects(check).filter((s) => s.startsWith('probe run'))).toEqual([
    'probe run 2026-11-21T09:01Z',
    'probe run 2026-11-21T09:02Z',
    'probe run 2026-11-21T09:03Z',
    'probe run 2026-11-21T09:04Z',
    'probe run 2026-11-21T09:05Z',
  ]);
  expect(subjects(check)).toContain('editor: slow pages');
  // Each run's line once: nothing lost, nothing twice.
  expect(sampleTimes(check, '2026-11-21')).toEqual(['09:01', '09:02', '09:03', '09:04', '09:05']);
  expect(parseEverything(check).incidents.has('2026-11-21-slow')).toBe(true);
  expect(git(clone, 'status', '--porcelain')).toBe('');
});

test.each(['SIGTERM', 'SIGINT'] as const)(
  '%s during a run: the run is written and committed, then the loop exits 0',
  async (signal) => {
    const clone = setup('/held');
    let requests = 0;
    let child: ReturnType<typeof spawn> | undefined;
    const exited = new Promise<{ code: number | null; out: string }>((done, fail) => {
      child = spawn(
        process.execPath,
        [join(ROOT, 'scripts/probe.ts'), '--content', 'content', '--every', '1', '--attempts', '1'],
        { cwd: clone, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', fail);
      child.on('exit', (code) => done({ code, out }));
    });
    // The second run's check is held until the loop has been asked to stop.
    onHeld = async () => {
      if (++requests < 2) return;
      child!.kill(signal);
      await new Promise((done) => setTimeout(done, 200));
    };
    const { code, out } = await exited;
    expect(code, out).toBe(0);
    expect(out).toContain(`${signal}: stopping after the run under way`);
    expect(out).toContain('stopped after 2 run(s)');
    expect(requests).toBe(2);
    // Both runs are committed here, the working tree is clean, and every file reads.
    expect(git(clone, 'status', '--porcelain')).toBe('');
    expect(subjects(clone).filter((s) => s.startsWith('probe run'))).toHaveLength(2);
    const day = git(clone, 'ls-files', '--', 'content/history')
      .split('\n')
      .find((f) => /\d\.tsv$/.test(f))!;
    expect(
      readFileSync(join(clone, day), 'utf8')
        .split('\n')
        .filter((l) => /^\d\d:\d\d\t/.test(l)),
    ).toHaveLength(2);
    parseEverything(clone);
    // The first run was pushed; the second, stopped before its push, waits for the next one.
    expect(subjects(checkout(repos!)).filter((s) => s.startsWith('probe run'))).toHaveLength(1);
  },
  60_000,
);

test('bad loop options are usage errors (exit 2) that name the option', async () => {
  for (const [args, message] of [
    [['--every', '0'], 'probe: --every "0": expected whole seconds above 0'],
    [['--every', '1.5'], 'probe: --every "1.5": expected whole seconds above 0'],
    [
      ['--every', '60', '--results-out', 'x.json'],
      'probe: --every records each run: it cannot go with --results-out',
    ],
    [['--push', '--no-push'], 'probe: --push and --no-push contradict'],
    [['--push', '--attempts', '0'], 'probe: --attempts "0": expected a whole number above 0'],
  ] as const) {
    const err: string[] = [];
    const code = await probeMain(args, {
      env: {},
      now: () => 0,
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      runner: () => Promise.reject(new Error('no run expected')),
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nUsage: `),
    );
  }
});
