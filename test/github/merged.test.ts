/**
 * A synced incident merged into another stays merged: the sync leaves its stub alone (and says
 * why) however many comments its issue gets, and the updates it brought to the kept incident stay
 * there when the kept incident's own issue is synced again.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { incidentMain } from '../../src/lib/editor/cli.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { makeContent, parseAllIncidents, readIncident, sync } from './helpers.ts';

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

test('the sync neither re-creates a merged incident nor drops what it brought', async () => {
  fake.addIssue({
    title: 'WhatsApp down',
    body: 'No messages.',
    author: 'alice',
    at: '2026-10-04T15:40:00Z',
    labels: ['incident', 'component:whatsapp'],
  });
  fake.addIssue({
    title: 'Meta down',
    body: 'Identified: Meta is down worldwide.',
    author: 'alice',
    at: '2026-10-04T15:45:00Z',
    labels: ['incident'],
  });
  await sync(fake, dir);
  const err: string[] = [];
  const code = await incidentMain(['merge', 'issue-1', 'issue-2', '--content', dir], {
    contentDir: dir,
    now: () => Date.parse('2026-10-04T16:00:00Z'),
    stdout: () => undefined,
    stderr: (s) => err.push(s),
    isTTY: false,
    prompt: () => Promise.resolve(undefined),
  });
  expect(err.join('')).toBe('');
  expect(code).toBe(0);
  const stub = readIncident(dir, 'issue-2.md');

  fake.addComment(2, { author: 'alice', body: 'Resolved: back.', at: '2026-10-04T16:10:00Z' });
  const comment = fake.addComment(1, {
    author: 'alice',
    body: 'Monitoring: better.',
    at: '2026-10-04T16:05:00Z',
  });
  const { log } = await sync(fake, dir);

  expect(readIncident(dir, 'issue-2.md')).toBe(stub);
  expect(log).toContain(
    '#2: issue-2.md was merged into issue-1; not synced (post on that incident instead)',
  );
  const kept = parseAllIncidents(dir).get('issue-1.md')!;
  expect(kept.updates.map((u) => [u.at, u.status, u.text, u.github, u.merged_from])).toEqual([
    ['2026-10-04T15:40:00Z', 'investigating', 'No messages.', 'issue', undefined],
    ['2026-10-04T15:45:00Z', 'identified', 'Meta is down worldwide.', undefined, 'issue-2'],
    ['2026-10-04T16:05:00Z', 'monitoring', 'better.', `comment/${comment.id}`, undefined],
  ]);
  expect(parseAllIncidents(dir).get('issue-2.md')).toMatchObject({
    merged_into: 'issue-1',
    github_issue: 2,
    updates: [],
  });
});
