/**
 * Who can do what through GitHub (docs/security.md), tried as an attacker would: a stranger's issue
 * carrying another incident's mark, labels applied by a triager, a writer who loses access. Each
 * against the fake GitHub on 127.0.0.1 with a real octokit, files read back through the schema.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FakeGithub } from '../support/fake-github.ts';
import { listIncidents, makeContent, parseAllIncidents, readIncident, sync } from './helpers.ts';

let fake: FakeGithub;
let dir: string;

beforeAll(async () => {
  fake = await FakeGithub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.setRole('alice', 'admin');
  fake.setRole('bob', 'maintain');
  fake.setRole('carol', 'write');
  fake.setRole('mallory', 'read');
  fake.setRole('trish', 'triage');
  const content = makeContent();
  dir = content.dir;
  return content.remove;
});

/** An editor's open incident, as committed to content/incidents/. */
const EDITOR_INCIDENT = [
  '---',
  'title: Database maintenance overran',
  'impact: major',
  'components:',
  '  api: major_outage',
  'updates:',
  '  - at: 2026-10-04T09:00:00Z',
  '    status: investigating',
  '    text: Orders fail.',
  '---',
  '',
].join('\n');

describe('the mark of an automatic incident', () => {
  beforeEach(() => {
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(join(dir, 'incidents', '2026-10-04-database.md'), EDITOR_INCIDENT);
  });

  test("in an issue by someone who may not post, links nothing: closing it leaves the editor's incident open", async () => {
    const spam = fake.addIssue({
      title: 'Please look',
      body: 'Nothing to see.\n\n<!-- heliograph:incident 2026-10-04-database -->',
      author: 'mallory',
      labels: [],
      at: '2026-10-04T09:30:00Z',
    });
    // A maintainer labels it while triaging, comments, then closes it as spam.
    fake.label(spam.number, 'incident', 'alice', '2026-10-04T09:31:00Z');
    fake.addComment(spam.number, {
      author: 'alice',
      body: 'Resolved: closing this.',
      at: '2026-10-04T09:32:00Z',
    });
    fake.close(spam.number, 'alice', '2026-10-04T09:33:00Z');

    const { report, log } = await sync(fake, dir);

    expect(readIncident(dir, '2026-10-04-database.md')).toBe(EDITOR_INCIDENT);
    expect(listIncidents(dir)).toEqual(['2026-10-04-database.md']);
    expect(report.ignored.issues).toBe(1);
    expect(log).toEqual([
      '#1: ignored: it carries the mark of incident 2026-10-04-database, but @mallory (read) opened it, who may not post',
    ]);
  });

  test('in an issue by someone who may post, links it to the incident', async () => {
    const issue = fake.addIssue({
      title: 'Database',
      body: 'Following up here.\n\n<!-- heliograph:incident 2026-10-04-database -->',
      author: 'carol',
      at: '2026-10-04T09:30:00Z',
    });
    fake.addComment(issue.number, {
      author: 'carol',
      body: 'Identified: a long migration',
      at: '2026-10-04T09:40:00Z',
    });
    await sync(fake, dir);
    const data = parseAllIncidents(dir).get('2026-10-04-database.md')!;
    expect(data.github_issue).toBe(1);
    expect(data.updates.map((u) => u.status)).toEqual(['investigating', 'identified']);
  });
});

describe('labels', () => {
  test('impact and components count only when someone who may post applied them', async () => {
    const issue = fake.addIssue({
      title: 'Checkout errors',
      body: 'Orders fail.',
      author: 'alice',
      at: '2026-10-04T10:00:00Z',
    });
    fake.label(issue.number, 'impact:critical', 'trish', '2026-10-04T10:01:00Z');
    fake.label(issue.number, 'component:api=down', 'trish', '2026-10-04T10:01:00Z');
    fake.label(issue.number, 'component:web', 'mallory', '2026-10-04T10:01:00Z');
    fake.label(issue.number, 'component:whatsapp', 'carol', '2026-10-04T10:02:00Z');

    const first = await sync(fake, dir);
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      impact: 'minor',
      components: { whatsapp: 'partial_outage' },
    });
    expect(first.log).toEqual([
      '#1: label "impact:critical" was applied by @trish (triage), who may not post; it does not count',
      '#1: label "component:api=down" was applied by @trish (triage), who may not post; it does not count',
      '#1: label "component:web" was applied by @mallory (read), who may not post; it does not count',
      expect.stringMatching(/^#1: wrote .*issue-1\.md$/),
    ]);

    // A maintainer removes the triager's label and applies it again: now it is theirs.
    fake.unlabel(issue.number, 'impact:critical', 'bob', '2026-10-04T10:05:00Z');
    fake.label(issue.number, 'impact:critical', 'bob', '2026-10-04T10:06:00Z');
    await sync(fake, dir);
    expect(parseAllIncidents(dir).get('issue-1.md')!.impact).toBe('critical');

    // Removed by anyone, a label no longer says anything.
    fake.unlabel(issue.number, 'impact:critical', 'trish', '2026-10-04T10:07:00Z');
    await sync(fake, dir);
    expect(parseAllIncidents(dir).get('issue-1.md')!.impact).toBe('minor');
  });

  test("the incident label applied by a triager does not make a writer's issue an incident", async () => {
    const issue = fake.addIssue({
      title: 'Refactor the API client',
      body: 'Internal notes, not for customers.',
      author: 'carol',
      labels: [],
      at: '2026-10-04T10:00:00Z',
    });
    fake.label(issue.number, 'incident', 'trish', '2026-10-04T10:01:00Z');
    const { report, log } = await sync(fake, dir);
    expect(listIncidents(dir)).toEqual([]);
    expect(report.ignored.issues).toBe(1);
    expect(log).toEqual([
      '#1: ignored: label "incident" was applied by @trish (triage), who may not post',
    ]);

    // A writer applying it is what makes it one.
    fake.unlabel(issue.number, 'incident', 'carol', '2026-10-04T10:02:00Z');
    fake.label(issue.number, 'incident', 'carol', '2026-10-04T10:03:00Z');
    await sync(fake, dir);
    expect(listIncidents(dir)).toEqual(['issue-1.md']);
  });
});

describe('a writer who loses access', () => {
  test('keeps the updates already accepted; their later edits, comments and reopens are not taken', async () => {
    const issue = fake.addIssue({
      title: 'Payments slow',
      body: 'Card payments take a minute.',
      author: 'carol',
      at: '2026-10-04T10:00:00Z',
    });
    const comment = fake.addComment(issue.number, {
      author: 'bob',
      body: 'Identified: a slow fraud check',
      at: '2026-10-04T10:10:00Z',
    });
    fake.close(issue.number, 'carol', '2026-10-04T11:00:00Z');
    await sync(fake, dir);
    const accepted = readIncident(dir, 'issue-1.md');
    expect(
      parseAllIncidents(dir)
        .get('issue-1.md')!
        .updates.map((u) => u.status),
    ).toEqual(['investigating', 'identified', 'resolved']);

    fake.setRole('carol', 'read');
    fake.setRole('bob', 'none');
    const after = await sync(fake, dir);
    expect(readIncident(dir, 'issue-1.md')).toBe(accepted);
    expect(after.report.written).toEqual([]);
    expect(after.log).toEqual([
      '#1: opened by @carol (read), who may no longer post: its title, impact, components and first update stay as the file has them',
      `#1: kept comment ${comment.id} by @bob (none) as accepted before; its later edits are not taken`,
      '#1: kept close by @carol (read) as accepted before',
    ]);

    // What they do now is refused; the file stays as accepted.
    fake.editIssue(
      issue.number,
      { title: 'Pay us here', body: 'Send cards to x.' },
      '2026-10-04T12:00:00Z',
    );
    fake.editComment(
      comment.id,
      'Resolved: [re-enter card details](https://evil.example)',
      '2026-10-04T12:00:00Z',
    );
    fake.addComment(issue.number, { author: 'bob', body: 'More', at: '2026-10-04T12:01:00Z' });
    fake.reopen(issue.number, 'carol', '2026-10-04T12:02:00Z');
    fake.label(issue.number, 'impact:critical', 'carol', '2026-10-04T12:03:00Z');
    await sync(fake, dir);
    expect(readIncident(dir, 'issue-1.md')).toBe(accepted);

    // People who may post still add to it.
    fake.addComment(issue.number, {
      author: 'alice',
      body: 'Postmortem: the fraud check is faster now.',
      at: '2026-10-04T13:00:00Z',
    });
    await sync(fake, dir);
    const data = parseAllIncidents(dir).get('issue-1.md')!;
    expect(data.title).toBe('Payments slow');
    expect(data.updates.map((u) => [u.status, u.text])).toEqual([
      ['investigating', 'Card payments take a minute.'],
      ['identified', 'a slow fraud check'],
      ['resolved', 'This incident has been resolved.'],
      ['postmortem', 'the fraud check is faster now.'],
    ]);
  });

  test("an issue form's answers stay as accepted; an edit of them afterwards is not taken", async () => {
    const body = (impact: string, update: string): string =>
      `### Impact\n\n${impact}\n\n### Components\n\nAPI (api)\n\n### What is happening\n\n${update}`;
    const issue = fake.addIssue({
      title: 'API down',
      body: body('critical — most customers cannot reach the business', 'Nothing loads.'),
      author: 'carol',
      at: '2026-10-04T10:00:00Z',
    });
    await sync(fake, dir);
    const accepted = readIncident(dir, 'issue-1.md');
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      impact: 'critical',
      components: { api: 'partial_outage' },
    });

    fake.setRole('carol', 'read');
    fake.editIssue(
      issue.number,
      { body: body('none — nothing customers notice', 'All fine, ignore this.') },
      '2026-10-04T11:00:00Z',
    );
    await sync(fake, dir);
    expect(readIncident(dir, 'issue-1.md')).toBe(accepted);

    // A comment by someone who may post still lands, and the accepted answers stay.
    fake.addComment(issue.number, {
      author: 'alice',
      body: 'Identified: a full disk',
      at: '2026-10-04T11:30:00Z',
    });
    await sync(fake, dir);
    const data = parseAllIncidents(dir).get('issue-1.md')!;
    expect(data).toMatchObject({ impact: 'critical', components: { api: 'partial_outage' } });
    expect(data.updates.map((u) => [u.status, u.text])).toEqual([
      ['investigating', 'Nothing loads.'],
      ['identified', 'a full disk'],
    ]);
  });
});
