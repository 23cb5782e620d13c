/**
 * Automatic issues through the probe command: a confirmed outage opens an issue with the
 * configured label, recovery comments on it and closes it, and a GitHub that cannot be reached is
 * logged while the probe run still exits 0. A real octokit talks to the fake GitHub over HTTP.
 */
import { cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createGithubClient, type GithubClient } from '../../src/lib/github/client.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';
import type { CheckRunner } from '../../src/lib/measure/types.ts';
import { FakeGithub } from '../support/fake-github.ts';
import {
  clientFor,
  listIncidents,
  makeContent,
  parseAllIncidents,
  snapshotFiles,
  sync,
  TEST_BACKOFF_UNIT_MS,
} from './helpers.ts';

const CHECKS = `    checks:
      - type: http
        url: https://api.example.com/health
`;
const POLICY = `probe:
  retries: 0
  confirm_down: 1
  confirm_up: 1
`;
const START = Date.parse('2026-10-04T10:00:00Z');

let fake: FakeGithub;
let dir: string;
let remove: () => void;
let down = false;
/** Down only in part: the API answers some requests. */
let partly = false;
let clock = START;

/** The API's health, as the stub runner reports it. */
const runner: CheckRunner = () =>
  Promise.resolve(
    down
      ? partly
        ? { status: 'partial_outage', reason: 'expected 2xx, got 502', phases: { total: 3 } }
        : { status: 'major_outage', reason: 'expected 2xx, got 503', phases: { total: 3 } }
      : { status: 'operational', phases: { total: 3 } },
  );

beforeAll(async () => {
  fake = await FakeGithub.start({ viewer: 'github-actions[bot]' });
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.setRole('bob', 'maintain');
  down = false;
  partly = false;
  clock = START;
  content(true);
  return () => remove();
});

function content(autoIssues: boolean): void {
  remove?.();
  ({ dir, remove } = makeContent({ autoIssues, checks: CHECKS, extra: POLICY, label: 'outage' }));
}

/** One probe run, five minutes after the last; each run makes its own client, as a job would. */
async function probe(
  options: { github?: GithubClient | null; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  clock += 5 * 60_000;
  const out: string[] = [];
  const err: string[] = [];
  const code = await probeMain(['--content', dir], {
    env: { GITHUB_REPOSITORY: 'acme/status', ...options.env },
    now: () => clock,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    runner,
    ...(options.github === null ? {} : { github: options.github ?? clientFor(fake) }),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('with auto_issues on', () => {
  test('an outage opens an issue with the label; recovery comments and closes it; the sync adds nothing twice', async () => {
    down = true;
    const opened = await probe();
    expect(opened.code).toBe(0);
    const [file] = listIncidents(dir);
    const id = file!.replace(/\.md$/, '');
    expect(opened.stdout).toContain(`incident opened: ${id} (api)`);
    expect(opened.stdout).toContain(`github: opened issue #1 for ${id}`);

    const [create] = fake.requestsTo(/^POST \/repos\/acme\/status\/issues$/);
    expect(create!.authorization).toBe(`token ${fake.token}`);
    const sent = create!.body as { title: string; body: string; labels: string[] };
    expect(sent.title).toBe('API: service unavailable');
    expect(sent.labels).toEqual(['outage']);
    // Customers' words first; what the checks saw is for the maintainers who read the issue.
    expect(sent.body).toMatch(/^We are seeing problems with API: /);
    expect(sent.body).toContain('Technical detail: `expected 2xx, got 503`');
    expect(sent.body).toContain(`Incident page: https://status.example.com/incidents/${id}/`);
    expect(sent.body).toContain(`<!-- heliograph:incident ${id} -->`);
    expect(parseAllIncidents(dir).get(file!)).toMatchObject({ source: 'prober', github_issue: 1 });

    // A maintainer comments on the issue from a phone.
    fake.addComment(1, {
      author: 'bob',
      body: 'Identified: the load balancer',
      at: '2026-10-04T10:07:00Z',
    });
    const synced = await sync(fake, dir);
    expect(synced.report.written).toHaveLength(1);
    expect(listIncidents(dir)).toEqual([file]);

    down = false;
    const recovered = await probe();
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toContain('github: commented on and closed issue #1');
    const [comment] = fake.requestsTo(/^POST \/repos\/acme\/status\/issues\/1\/comments$/);
    expect((comment!.body as { body: string }).body).toMatch(
      /^The problem with API is solved: the service works normally again\. It lasted /,
    );
    const [close] = fake.requestsTo(/^PATCH \/repos\/acme\/status\/issues\/1$/);
    expect(close!.body).toEqual({ state: 'closed', state_reason: 'completed' });
    expect(fake.issue(1)).toMatchObject({ state: 'closed', labels: ['outage'] });

    // The sync sees the prober's comment and close and repeats neither.
    const files = snapshotFiles(dir);
    const after = await sync(fake, dir);
    expect(after.report.written).toEqual([]);
    expect(after.log).toEqual(['#1: ignored close by @github-actions[bot] (none)']);
    expect(snapshotFiles(dir)).toEqual(files);
    const data = parseAllIncidents(dir).get(file!)!;
    expect(data.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
  });

  test('a change of the outage comments on the open issue, once, and the sync repeats nothing', async () => {
    down = true;
    await probe();
    partly = true;
    const changed = await probe();
    const [file] = listIncidents(dir);
    const id = file!.replace(/\.md$/, '');
    expect(changed.stdout).toContain(`github: commented on issue #1 (${id} changed)`);
    const comments = fake.requestsTo(/^POST \/repos\/acme\/status\/issues\/1\/comments$/);
    expect(comments).toHaveLength(1);
    expect((comments[0]!.body as { body: string }).body).toMatch(
      new RegExp(
        `^News on API: part of the service does not work at the moment\\. We are still working on it\\.\\n\\nTechnical detail: \`expected 2xx, got 502\`\\n[\\s\\S]*<!-- heliograph:incident ${id} -->$`,
      ),
    );
    expect(fake.issue(1).state).toBe('open');
    // A steady run posts nothing more.
    await probe();
    expect(fake.requestsTo(/^POST .*\/comments$/)).toHaveLength(1);
    const files = snapshotFiles(dir);
    expect((await sync(fake, dir)).report.written).toEqual([]);
    expect(snapshotFiles(dir)).toEqual(files);
  });

  test('GitHub creates the issue but answers 502: it is found by its marker, not opened twice', async () => {
    fake.inject({
      status: 502,
      message: 'Bad Gateway',
      match: /^POST \/repos\/acme\/status\/issues$/,
      performed: true,
    });
    down = true;
    const run = await probe();
    expect(run.code).toBe(0);
    const [file] = listIncidents(dir);
    const id = file!.replace(/\.md$/, '');
    expect(fake.requestsTo(/^POST /)).toHaveLength(1);
    expect(fake.issues.map((i) => i.number)).toEqual([1]);
    expect(run.stdout).toContain(`github: opened issue #1 for ${id}`);
    expect(parseAllIncidents(dir).get(file!)!.github_issue).toBe(1);
  });

  test('a run whose commit was lost opens the same incident again: its issue is found, not opened twice', async () => {
    const before = join(dir, '..', `${basename(dir)}-before`);
    cpSync(dir, before, { recursive: true });
    down = true;
    const first = await probe();
    expect(first.stdout).toContain('github: opened issue #1 for ');
    // The run's commit never landed: its files are gone; the next run sees the same outage.
    rmSync(dir, { recursive: true, force: true });
    cpSync(before, dir, { recursive: true });
    rmSync(before, { recursive: true, force: true });
    clock -= 5 * 60_000;
    const again = await probe();
    const [file] = listIncidents(dir);
    expect(again.stdout).toContain(
      `github: found issue #1, opened earlier for ${file!.replace(/\.md$/, '')}`,
    );
    expect(fake.requestsTo(/^POST /)).toHaveLength(1);
    expect(parseAllIncidents(dir).get(file!)!.github_issue).toBe(1);
  });

  test('GitHub unreachable: logged, the incident is still written, the probe exits 0', async () => {
    const closedPort = await freePort();
    const github = createGithubClient({
      token: 'ghs_x',
      baseUrl: `http://127.0.0.1:${closedPort}`,
      backoffUnitMs: TEST_BACKOFF_UNIT_MS,
    });
    down = true;
    const run = await probe({ github });
    expect(run.code).toBe(0);
    const [file] = listIncidents(dir);
    expect(run.stdout).toMatch(
      new RegExp(`github: cannot open an issue for ${file!.replace('.md', '')}: .+`),
    );
    expect(parseAllIncidents(dir).get(file!)!.github_issue).toBeUndefined();
  });

  test('GitHub failing with 5xx: retried, logged, the probe exits 0', async () => {
    fake.serverErrorOnce({ status: 503, times: 20 });
    down = true;
    const run = await probe();
    expect(run.code).toBe(0);
    expect(fake.requestsTo(/^POST /)).toHaveLength(4);
    expect(run.stdout).toMatch(/github: cannot open an issue for auto-api-[\d-]+: .*Server Error/);
  });

  test('without a client passed in, one is made from GITHUB_TOKEN and GITHUB_API_URL', async () => {
    down = true;
    const run = await probe({
      github: null,
      env: { GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('github: opened issue #1 for auto-api-');
    expect(fake.requestsTo(/^POST /).map((r) => r.authorization)).toEqual([`token ${fake.token}`]);
    expect(run.stdout + run.stderr).not.toContain(fake.token);
  });

  test('without a token nothing is sent, and the log says why', async () => {
    down = true;
    const run = await probe({ github: null });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'github: auto_issues is on but GITHUB_TOKEN is not set; no issue opened or closed',
    );
    expect(fake.requests).toEqual([]);
  });
});

test('with auto_issues off nothing reaches GitHub', async () => {
  content(false);
  down = true;
  expect((await probe()).code).toBe(0);
  down = false;
  expect((await probe()).code).toBe(0);
  expect(fake.requests).toEqual([]);
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
