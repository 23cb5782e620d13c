/**
 * Long lists and a GitHub that pushes back: pages with `Link` headers, rate limits (403 and 429
 * with `retry-after`, 403 with `x-ratelimit-reset`) and server errors, through the real octokit
 * plugins with a back-off unit of 10 ms instead of a second.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BACKOFF, createGithubClient } from '../../src/lib/github/client.ts';
import { FakeGithub } from '../support/fake-github.ts';
import {
  clientFor,
  listIncidents,
  makeContent,
  parseAllIncidents,
  sync,
  TEST_BACKOFF_UNIT_MS,
} from './helpers.ts';

let fake: FakeGithub;
let dir: string;

beforeAll(async () => {
  fake = await FakeGithub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.setRole('alice', 'admin');
  const content = makeContent();
  dir = content.dir;
  return content.remove;
});

test('150 issues across two pages become 150 files; each author is asked once', async () => {
  for (let n = 0; n < 150; n++) {
    const minute = String(n % 60).padStart(2, '0');
    const hour = String(Math.floor(n / 60)).padStart(2, '0');
    fake.addIssue({
      title: `Incident ${n + 1}`,
      body: `Body ${n + 1}`,
      author: 'alice',
      labels: ['incident', n % 3 ? 'component:api' : 'impact:major'],
      at: `2026-10-04T${hour}:${minute}:00Z`,
    });
  }
  // Noise the label filter must drop.
  fake.addIssue({
    title: 'Unrelated',
    author: 'alice',
    labels: ['bug'],
    at: '2026-10-05T00:00:00Z',
  });

  const { report } = await sync(fake, dir);

  expect(report).toMatchObject({ issues: 150, unchanged: 0, failed: [] });
  expect(report.written).toHaveLength(150);
  const pages = fake.requestsTo(/^GET \/repos\/acme\/status\/issues$/);
  expect(pages.map((r) => r.query)).toEqual([
    { labels: 'incident', state: 'all', per_page: '100' },
    { labels: 'incident', state: 'all', per_page: '100', page: '2' },
  ]);
  expect(fake.requestsTo(/permission$/)).toHaveLength(1);
  const files = listIncidents(dir);
  expect(files).toHaveLength(150);
  expect(files).toContain('issue-150.md');
  const parsed = parseAllIncidents(dir);
  expect(parsed.get('issue-150.md')).toMatchObject({ title: 'Incident 150', github_issue: 150 });

  const again = await sync(fake, dir);
  expect(again.report).toMatchObject({ written: [], unchanged: 150 });
});

test('a Link header across pages of comments is followed too', async () => {
  const issue = fake.addIssue({ title: 'Chatty', author: 'alice', at: '2026-10-04T00:00:00Z' });
  for (let n = 0; n < 120; n++) {
    fake.addComment(issue.number, {
      author: 'alice',
      body: `Update ${n}`,
      at: new Date(Date.parse('2026-10-04T01:00:00Z') + n * 60_000).toISOString(),
    });
  }
  await sync(fake, dir);
  expect(fake.requestsTo(/\/comments$/).map((r) => r.query['page'] ?? '1')).toEqual(['1', '2']);
  expect(parseAllIncidents(dir).get('issue-1.md')!.updates).toHaveLength(121);
});

describe('backing off', () => {
  beforeEach(() => {
    fake.addIssue({ title: 'Down', body: 'x', author: 'alice', at: '2026-10-04T10:00:00Z' });
  });

  test.each([403, 429] as const)(
    'a %d secondary rate limit with retry-after: waits that long, then succeeds',
    async (status) => {
      fake.rateLimitOnce(3, { status, match: /^GET \/repos\/acme\/status\/issues$/ });
      const clientLog: string[] = [];
      const { report } = await sync(fake, dir, { client: clientFor(fake, clientLog) });

      expect(report.written).toHaveLength(1);
      const [limited, retried] = fake.requestsTo(/^GET \/repos\/acme\/status\/issues$/);
      expect([limited!.status, retried!.status]).toEqual([status, 200]);
      expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(3 * TEST_BACKOFF_UNIT_MS);
      expect(clientLog.join('\n')).toMatch(
        /secondary rate limit on GET \/repos\/acme\/status\/issues.*retrying after 3 s/,
      );
    },
  );

  test('a 403 with x-ratelimit-remaining: 0 waits for x-ratelimit-reset, then succeeds', async () => {
    fake.quotaExhaustedOnce(2, { match: /permission$/ });
    const clientLog: string[] = [];
    const { report } = await sync(fake, dir, { client: clientFor(fake, clientLog) });
    expect(report.written).toHaveLength(1);
    expect(fake.requestsTo(/permission$/).map((r) => r.status)).toEqual([403, 200]);
    expect(clientLog.join('\n')).toMatch(/primary rate limit on GET .*permission; retrying/);
  });

  test('a rate limit longer than the policy allows fails at once instead of idling', async () => {
    fake.rateLimitOnce(3600, { match: /^GET \/repos\/acme\/status\/issues$/ });
    const started = Date.now();
    await expect(sync(fake, dir)).rejects.toThrow(
      /cannot list the issues labelled "incident" in acme\/status/,
    );
    expect(Date.now() - started).toBeLessThan(3600 * TEST_BACKOFF_UNIT_MS);
    expect(fake.requestsTo(/^GET \/repos\/acme\/status\/issues$/)).toHaveLength(1);
  });

  test('a 500 then success', async () => {
    fake.serverErrorOnce({ match: /^GET \/repos\/acme\/status\/issues$/ });
    fake.serverErrorOnce({ status: 502, match: /permission$/ });
    const { report } = await sync(fake, dir);
    expect(report).toMatchObject({ failed: [] });
    expect(report.written).toHaveLength(1);
    expect(fake.requestsTo(/^GET \/repos\/acme\/status\/issues$/).map((r) => r.status)).toEqual([
      500, 200,
    ]);
    expect(fake.requestsTo(/permission$/).map((r) => r.status)).toEqual([502, 200]);
  });

  test('a 5xx that lasts: a few retries, then that issue fails and the others sync', async () => {
    fake.addIssue({ title: 'Second', body: 'y', author: 'alice', at: '2026-10-04T11:00:00Z' });
    fake.addComment(1, { author: 'alice', body: 'More', at: '2026-10-04T10:30:00Z' });
    fake.serverErrorOnce({ status: 503, match: /issues\/1\/comments$/, times: 10 });
    const { report, log } = await sync(fake, dir);
    // The first attempt and three retries.
    expect(fake.requestsTo(/issues\/1\/comments$/)).toHaveLength(4);
    expect(report.failed).toEqual([
      expect.stringMatching(/^#1: cannot read it from GitHub: .*Server Error/),
    ]);
    expect(log.at(-2)).toMatch(/^#1: cannot read it from GitHub/);
    expect(listIncidents(dir)).toEqual(['issue-2.md']);
  });

  test('bad credentials (401) are not retried', async () => {
    const client = createGithubClient({
      token: 'ghs_wrong',
      baseUrl: fake.url,
      backoffUnitMs: TEST_BACKOFF_UNIT_MS,
    });
    await expect(sync(fake, dir, { client })).rejects.toThrow(/cannot list/);
    expect(fake.requestsTo(/\/issues$/).map((r) => r.status)).toEqual([401]);
  });
});

test('writes are spaced by the policy, in the client unit; those that notify people further apart', async () => {
  // A unit large enough that the spacing stands out from a request's own time.
  const unit = 40;
  const client = createGithubClient({ token: fake.token, baseUrl: fake.url, backoffUnitMs: unit });
  const repo = { owner: fake.owner, repo: fake.repo };
  // When each write was asked for. The limiter lets a write go at that moment or later, and the
  // server sees it some time after: so from a write asked for to the next one seen, at least the
  // spacing passed, however late a busy machine delivers either. (Gaps between two arrivals would
  // not be bounded so: a write that reached the server late shortens the gap to the next.)
  const asked: number[] = [];
  const write = <T>(request: () => Promise<T>): Promise<T> => {
    asked.push(Date.now());
    return request();
  };
  const { data: issue } = await write(() => client.rest.issues.create({ ...repo, title: 'One' }));
  const number = issue.number;
  await write(() => client.rest.issues.createComment({ ...repo, issue_number: number, body: 'x' }));
  await write(() =>
    client.rest.issues.update({ ...repo, issue_number: number, title: 'One, again' }),
  );
  await write(() => client.rest.issues.update({ ...repo, issue_number: number, state: 'closed' }));
  const seen = fake.requestsTo(/^(POST|PATCH) /).map((r) => r.at);
  expect(seen).toHaveLength(4);
  const spacing = seen.slice(1).map((t, i) => t - asked[i]!);
  // The issue and its comment notify people; the two edits do not.
  expect(spacing[0]).toBeGreaterThanOrEqual(BACKOFF.notifyingWriteSpacingSeconds * unit);
  expect(spacing[2]).toBeGreaterThanOrEqual(BACKOFF.writeSpacingSeconds * unit);
  // In the client's unit, not in whole seconds as the plugin's own limiters wait (1 s, then 3 s).
  expect(seen[3]! - seen[0]!).toBeLessThan(BACKOFF.notifyingWriteSpacingSeconds * 1000);
});
