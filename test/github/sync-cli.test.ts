/**
 * `npm run sync` as a command: flags, environment, exit codes, the Actions job summary, and the
 * real script in a child process against the fake GitHub (it must exit by itself when done).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { syncMain } from '../../src/lib/github/sync-cli.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { clientFor, listIncidents, makeContent } from './helpers.ts';

let fake: FakeGithub;
let dir: string;

beforeAll(async () => {
  fake = await FakeGithub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.setRole('alice', 'write');
  fake.addIssue({
    title: 'Down',
    body: 'Resolved: short one',
    author: 'alice',
    at: '2026-10-04T10:00:00Z',
  });
  fake.addIssue({ title: 'Spam', body: 'buy now', author: 'spammer', at: '2026-10-04T10:00:00Z' });
  const content = makeContent();
  dir = content.dir;
  return content.remove;
});

async function run(args: string[], env: Record<string, string> = {}, withClient = true) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await syncMain(['--content', dir, ...args], {
    env,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    ...(withClient ? { client: clientFor(fake) } : {}),
  });
  return { code, stdout: out.join('').replaceAll(dir, '<content>'), stderr: err.join('') };
}

test('a run prints what it did and a summary line; the job summary gets a table', async () => {
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '');
  const { code, stdout, stderr } = await run(['--repo', 'acme/status'], {
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_ACTIONS: 'true',
  });
  expect(code).toBe(0);
  expect(stdout).toBe(
    [
      '#1: wrote <content>/incidents/issue-1.md',
      '#2: ignored: opened by @spammer (none), who may not post',
      'synced 2 issue(s): wrote 1 file(s), 0 unchanged, ignored 1 issue(s) by people who may not post',
      '',
    ].join('\n'),
  );
  expect(stderr).toBe('::group::Syncing issues labelled "incident"\n::endgroup::\n');
  expect(readFileSync(summary, 'utf8')).toContain('| 2 | 1 | 0 | 1 / 0 / 0 | 0 |');

  const again = await run(['--repo', 'acme/status']);
  expect(again.stdout).toMatch(/wrote 0 file\(s\), 1 unchanged/);
});

test('usage errors exit 2 with a clear message', async () => {
  const cases: [string[], Record<string, string>, boolean, string][] = [
    [[], {}, true, 'name the repository with --repo owner/name or GITHUB_REPOSITORY'],
    [['--repo', 'not a repo'], {}, true, '"not a repo" is not a repository: use owner/name'],
    [['--repo', 'acme/status', '--issue', 'x'], {}, true, '--issue takes an issue number, not "x"'],
    [['--bogus'], {}, true, "Unknown option '--bogus'"],
    [[], { GITHUB_REPOSITORY: 'acme/status' }, false, 'set GITHUB_TOKEN'],
  ];
  for (const [args, env, withClient, message] of cases) {
    const { code, stderr } = await run(args, env, withClient);
    expect(code, args.join(' ')).toBe(2);
    expect(stderr).toContain(message);
  }
  expect(fake.requests).toEqual([]);
});

test('GitHub unreachable or refusing the token: exit 1, and the token never shows', async () => {
  const { code, stderr } = await run(
    ['--repo', 'acme/status', '--api-url', fake.url],
    { GITHUB_TOKEN: 'ghs_not_the_right_one' },
    false,
  );
  expect(code).toBe(1);
  expect(stderr).toMatch(
    /^sync: cannot list the issues labelled "incident" in acme\/status: 401 Bad credentials/,
  );
  expect(stderr).not.toContain('ghs_not_the_right_one');
  expect(listIncidents(dir)).toEqual([]);
});

test('the script runs with real I/O, reads the environment, and exits by itself', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['scripts/sync.ts', '--content', dir, '--api-url', fake.url],
    {
      cwd: join(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        GITHUB_TOKEN: fake.token,
        GITHUB_REPOSITORY: 'acme/status',
        GITHUB_ACTIONS: '',
      },
      timeout: 20_000,
    },
  );
  expect(stdout).toContain('synced 2 issue(s): wrote 1 file(s)');
  expect(listIncidents(dir)).toEqual(['issue-1.md']);
  expect(readFileSync(join(dir, 'incidents/issue-1.md'), 'utf8')).toContain('status: resolved');
});
