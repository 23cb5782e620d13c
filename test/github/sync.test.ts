/**
 * The issue sync end to end: a real octokit over HTTP to the fake GitHub on 127.0.0.1, real
 * incident files in a temporary content folder, every file read back through the real schema.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FakeGithub } from '../support/fake-github.ts';
import {
  listIncidents,
  makeContent,
  parseAllIncidents,
  readIncident,
  snapshotFiles,
  sync,
  type ContentOptions,
} from './helpers.ts';

let fake: FakeGithub;
let dir: string;
let remove: () => void;

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
  ({ dir, remove } = makeContent());
  return () => remove();
});

function content(options: ContentOptions): void {
  remove();
  ({ dir, remove } = makeContent(options));
}

/** Paths in log lines relative to the content folder, so expectations read plainly. */
function tidy(log: string[]): string[] {
  return log.map((line) => line.replaceAll(dir, '<content>'));
}

describe('who may post', () => {
  test('issues by admin, maintain and write become incidents; read, triage and strangers are ignored and logged', async () => {
    const at = '2026-10-04T15:40:00Z';
    fake.addIssue({ title: 'By admin', body: 'a', author: 'alice', at });
    fake.addIssue({ title: 'By maintainer', body: 'b', author: 'bob', at });
    fake.addIssue({ title: 'By writer', body: 'c', author: 'carol', at });
    fake.addIssue({ title: 'By reader', body: 'd', author: 'mallory', at });
    fake.addIssue({ title: 'By triager', body: 'e', author: 'trish', at });
    fake.addIssue({ title: 'By a stranger', body: 'f', author: 'stranger', at });

    const { report, log } = await sync(fake, dir);

    expect(listIncidents(dir)).toEqual(['issue-1.md', 'issue-2.md', 'issue-3.md']);
    expect(tidy(log)).toEqual([
      '#1: wrote <content>/incidents/issue-1.md',
      '#2: wrote <content>/incidents/issue-2.md',
      '#3: wrote <content>/incidents/issue-3.md',
      '#4: ignored: opened by @mallory (read), who may not post',
      '#5: ignored: opened by @trish (triage), who may not post',
      '#6: ignored: opened by @stranger (none), who may not post',
    ]);
    expect(report.ignored).toEqual({ issues: 3, comments: 0, events: 0 });
    const parsed = parseAllIncidents(dir);
    expect(parsed.get('issue-2.md')).toMatchObject({
      title: 'By maintainer',
      impact: 'minor',
      source: 'github',
      github_issue: 2,
      updates: [
        { at: '2026-10-04T15:40:00Z', status: 'investigating', text: 'b', github: 'issue' },
      ],
    });
  });

  test('comments by people who may not post are left out and logged; each person is asked once', async () => {
    const issue = fake.addIssue({
      title: 'API errors',
      body: 'Errors.',
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    fake.addComment(issue.number, {
      author: 'mallory',
      body: 'Resolved: lol',
      at: '2026-10-04T15:45:00Z',
    });
    const kept = fake.addComment(issue.number, {
      author: 'carol',
      body: 'Identified: disk full',
      at: '2026-10-04T15:50:00Z',
    });
    fake.addComment(issue.number, {
      author: 'mallory',
      body: 'still broken for me',
      at: '2026-10-04T15:55:00Z',
    });
    fake.addComment(issue.number, {
      author: 'alice',
      body: 'Cleaning up.',
      at: '2026-10-04T16:00:00Z',
    });

    const { report, log } = await sync(fake, dir);

    expect(report.ignored).toEqual({ issues: 0, comments: 2, events: 0 });
    expect(tidy(log)).toEqual([
      `#1: ignored comment ${issue.comments[0]!.id} by @mallory (read)`,
      `#1: ignored comment ${issue.comments[2]!.id} by @mallory (read)`,
      '#1: wrote <content>/incidents/issue-1.md',
    ]);
    expect(parseAllIncidents(dir).get('issue-1.md')!.updates).toEqual([
      { at: '2026-10-04T15:40:00Z', status: 'investigating', text: 'Errors.', github: 'issue' },
      {
        at: '2026-10-04T15:50:00Z',
        status: 'identified',
        text: 'disk full',
        github: `comment/${kept.id}`,
      },
      // No status word: the status before it stays.
      {
        at: '2026-10-04T16:00:00Z',
        status: 'identified',
        text: 'Cleaning up.',
        github: `comment/${issue.comments[3]!.id}`,
      },
    ]);
    const asked = fake
      .requestsTo(/collaborators\/.*\/permission$/)
      .map((r) => r.path.split('/')[5]);
    expect(asked.sort()).toEqual(['alice', 'carol', 'mallory']);
  });

  test('a close or reopen by someone who may not post is ignored and logged', async () => {
    const issue = fake.addIssue({
      title: 'Slow site',
      body: 'Slow.',
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    fake.close(issue.number, 'trish', '2026-10-04T15:45:00Z');
    const { report, log } = await sync(fake, dir);
    expect(report.ignored.events).toBe(1);
    expect(log[0]).toBe('#1: ignored close by @trish (triage)');
    expect(
      parseAllIncidents(dir)
        .get('issue-1.md')!
        .updates.map((u) => u.status),
    ).toEqual(['investigating']);
  });
});

describe('status words in three languages', () => {
  test.each([
    [
      'en',
      ['Identified: cause found', 'Monitoring: fix out', 'Resolved: fine'],
      'This incident has been resolved.',
    ],
    [
      'it',
      ['Individuato: causa trovata', 'In osservazione: correzione', 'Risolto: tutto ok'],
      // One resolution sentence for the sync and the editor's `resolve` (i18n/messages.ts).
      'Il problema è stato risolto.',
    ],
    [
      'fr',
      ['Identifié : cause trouvée', 'Sous surveillance : correctif', 'Résolu : tout va bien'],
      'Cet incident est résolu.',
    ],
  ] as const)('%s', async (locale, words, closedText) => {
    content({ locale });
    const issue = fake.addIssue({
      title: 'Checkout',
      body: 'Investigating: payments fail',
      author: 'bob',
      at: '2026-10-04T10:00:00Z',
    });
    words.forEach((body, i) =>
      fake.addComment(issue.number, { author: 'bob', body, at: `2026-10-04T1${i + 1}:00:00Z` }),
    );
    fake.addComment(issue.number, {
      author: 'bob',
      body: 'post scriptum',
      at: '2026-10-04T15:00:00Z',
    });
    // Reopened, then closed again: the close text is in the site's language.
    fake.reopen(issue.number, 'bob', '2026-10-04T16:00:00Z');
    fake.close(issue.number, 'bob', '2026-10-04T17:00:00Z');
    await sync(fake, dir);
    const updates = parseAllIncidents(dir).get('issue-1.md')!.updates;
    expect(updates.map((u) => [u.status, u.text])).toEqual([
      ['investigating', 'payments fail'],
      ['identified', words[0].split(/\s*:\s*/)[1]],
      ['monitoring', words[1].split(/\s*:\s*/)[1]],
      ['resolved', words[2].split(/\s*:\s*/)[1]],
      ['resolved', 'post scriptum'],
      ['investigating', expect.stringMatching(/\S/)],
      ['resolved', closedText],
    ]);
  });
});

describe('labels', () => {
  test('impact and components from labels; unknown ones logged and skipped; relabelling rewrites them', async () => {
    const issue = fake.addIssue({
      title: 'WhatsApp down',
      body: 'Write to us by e-mail.',
      author: 'alice',
      labels: [
        'incident',
        'impact:critical',
        'component:whatsapp=down',
        'component:web',
        'component:billing',
        'impact:huge',
      ],
      at: '2026-10-04T15:40:00Z',
    });
    const first = await sync(fake, dir);
    expect(first.log.slice(0, 2)).toEqual([
      '#1: label "component:billing": no component with id "billing" in heliograph.yaml (known ids: api, web, whatsapp)',
      '#1: label "impact:huge": impact is one of none, minor, major, critical',
    ]);
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      impact: 'critical',
      components: { web: 'partial_outage', whatsapp: 'major_outage' },
    });
    fake.editIssue(issue.number, { labels: ['incident'] }, '2026-10-04T16:00:00Z');
    await sync(fake, dir);
    const data = parseAllIncidents(dir).get('issue-1.md')!;
    expect(data.impact).toBe('minor');
    expect(data.components).toEqual({});
  });

  test('pull requests and issues without the label are not incidents; the label is configurable', async () => {
    content({ label: 'status-page' });
    fake.addIssue({
      title: 'A PR',
      author: 'alice',
      labels: ['status-page'],
      at: '2026-10-04T10:00:00Z',
      pullRequest: true,
    });
    fake.addIssue({
      title: 'Plain bug',
      author: 'alice',
      labels: ['bug'],
      at: '2026-10-04T10:00:00Z',
    });
    fake.addIssue({
      title: 'Outage',
      author: 'alice',
      labels: ['Status-Page'],
      at: '2026-10-04T10:00:00Z',
    });
    const { report } = await sync(fake, dir);
    expect(report.issues).toBe(1);
    expect(listIncidents(dir)).toEqual(['issue-3.md']);
    expect(fake.requestsTo(/\/issues$/)[0]!.query).toMatchObject({
      labels: 'status-page',
      state: 'all',
      per_page: '100',
    });
  });
});

describe('edits', () => {
  test('editing the body, a comment or the title rewrites the same update; a deleted comment goes', async () => {
    const issue = fake.addIssue({
      title: 'API erors',
      body: 'Erorrs on the API.',
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    const c1 = fake.addComment(issue.number, {
      author: 'alice',
      body: 'Identified: the databse',
      at: '2026-10-04T15:50:00Z',
    });
    const c2 = fake.addComment(issue.number, {
      author: 'alice',
      body: 'Monitoring: fixed',
      at: '2026-10-04T16:00:00Z',
    });
    await sync(fake, dir);
    const before = readIncident(dir, 'issue-1.md');

    fake.editIssue(
      issue.number,
      { title: 'API errors', body: 'Errors on the API.' },
      '2026-10-04T16:10:00Z',
    );
    fake.editComment(c1.id, 'Identified: the database', '2026-10-04T16:10:00Z');
    const { report } = await sync(fake, dir);
    expect(report.written).toHaveLength(1);
    const after = readIncident(dir, 'issue-1.md');
    expect(after).not.toBe(before);
    const data = parseAllIncidents(dir).get('issue-1.md')!;
    expect(data.title).toBe('API errors');
    expect(data.updates).toEqual([
      {
        at: '2026-10-04T15:40:00Z',
        status: 'investigating',
        text: 'Errors on the API.',
        github: 'issue',
      },
      {
        at: '2026-10-04T15:50:00Z',
        status: 'identified',
        text: 'the database',
        github: `comment/${c1.id}`,
      },
      {
        at: '2026-10-04T16:00:00Z',
        status: 'monitoring',
        text: 'fixed',
        github: `comment/${c2.id}`,
      },
    ]);
    // Only the edited lines changed.
    const changed = diffLines(before, after);
    expect(changed).toEqual([
      ['title: API erors', 'title: API errors'],
      ['    text: Erorrs on the API.', '    text: Errors on the API.'],
      ['    text: the databse', '    text: the database'],
    ]);

    issue.comments.splice(issue.comments.indexOf(c2), 1);
    await sync(fake, dir);
    expect(
      parseAllIncidents(dir)
        .get('issue-1.md')!
        .updates.map((u) => u.github),
    ).toEqual(['issue', `comment/${c1.id}`]);
  });

  test("an editor's updates and postmortem in the file are kept, and set the status that follows", async () => {
    const issue = fake.addIssue({
      title: 'Payments',
      body: 'Failing.',
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    await sync(fake, dir);
    const path = join(dir, 'incidents', 'issue-1.md');
    const text = readIncident(dir, 'issue-1.md').replace(
      'source: github',
      [
        '  # Added by hand from the office.',
        '  - at: 2026-10-04T17:50:00+02:00',
        '    status: identified',
        '    text: The card terminal provider is down.',
        'source: github',
      ].join('\n'),
    );
    writeFileSync(path, `${text}\nThe provider's postmortem, in our words.\n`);
    fake.addComment(issue.number, {
      author: 'alice',
      body: 'They say an hour.',
      at: '2026-10-04T16:00:00Z',
    });

    await sync(fake, dir);
    const after = readIncident(dir, 'issue-1.md');
    expect(after).toContain('# Added by hand from the office.');
    expect(after.endsWith("---\n\nThe provider's postmortem, in our words.\n")).toBe(true);
    expect(
      parseAllIncidents(dir)
        .get('issue-1.md')!
        .updates.map((u) => [u.at, u.status, u.github]),
    ).toEqual([
      ['2026-10-04T15:40:00Z', 'investigating', 'issue'],
      ['2026-10-04T17:50:00+02:00', 'identified', undefined],
      ['2026-10-04T16:00:00Z', 'identified', `comment/${issue.comments[0]!.id}`],
    ]);
    const files = snapshotFiles(dir);
    expect((await sync(fake, dir)).report.written).toEqual([]);
    expect(snapshotFiles(dir)).toEqual(files);
  });
});

describe('close and reopen', () => {
  test('closing resolves at closed_at; reopening reopens at the reopen; a Resolved: comment is not doubled', async () => {
    const issue = fake.addIssue({
      title: 'Site down',
      body: '',
      author: 'alice',
      at: '2026-10-04T10:00:00Z',
    });
    // The issue's events: its label when it was opened, then closes and reopens.
    const events = () => issue.events.filter((e) => e.event !== 'labeled');
    fake.close(issue.number, 'alice', '2026-10-04T11:00:00Z');
    await sync(fake, dir);
    expect(statuses()).toEqual([
      ['2026-10-04T10:00:00Z', 'investigating', 'issue'],
      ['2026-10-04T11:00:00Z', 'resolved', `closed/${events()[0]!.id}`],
    ]);

    fake.reopen(issue.number, 'bob', '2026-10-04T12:00:00Z');
    await sync(fake, dir);
    expect(statuses().at(-1)).toEqual([
      '2026-10-04T12:00:00Z',
      'investigating',
      `reopened/${events()[1]!.id}`,
    ]);

    fake.addComment(issue.number, {
      author: 'carol',
      body: 'Resolved: back for good.',
      at: '2026-10-04T13:00:00Z',
    });
    fake.close(issue.number, 'carol', '2026-10-04T13:01:00Z');
    await sync(fake, dir);
    expect(statuses().slice(2)).toEqual([
      ['2026-10-04T12:00:00Z', 'investigating', `reopened/${events()[1]!.id}`],
      ['2026-10-04T13:00:00Z', 'resolved', `comment/${issue.comments[0]!.id}`],
    ]);
    // An issue's own events are read every time: they say who applied its labels.
    fake.addIssue({ title: 'Never closed', author: 'alice', at: '2026-10-04T14:00:00Z' });
    fake.requests.length = 0;
    await sync(fake, dir);
    expect(
      fake
        .requestsTo(/\/events$/)
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/repos/acme/status/issues/1/events`, `/repos/acme/status/issues/2/events`]);
  });

  function statuses(): [string, string, string | undefined][] {
    return parseAllIncidents(dir)
      .get('issue-1.md')!
      .updates.map((u) => [u.at, u.status, u.github]);
  }
});

describe('running twice', () => {
  test('changes nothing: same bytes, same times, 0 files written', async () => {
    for (let n = 0; n < 5; n++) {
      const issue = fake.addIssue({
        title: `Incident ${n}: "quoted" & more`,
        body: `Line one\r\n\r\n- a list\r\n- **bold** # not a comment\n`,
        author: 'alice',
        labels: [
          'incident',
          `impact:${['none', 'minor', 'major', 'critical', 'major'][n]}`,
          'component:api=down',
        ],
        at: `2026-10-0${n + 1}T10:00:00Z`,
      });
      fake.addComment(issue.number, {
        author: 'bob',
        body: 'Identified: `key: value` in code',
        at: `2026-10-0${n + 1}T11:00:00Z`,
      });
      if (n % 2) fake.close(issue.number, 'bob', `2026-10-0${n + 1}T12:00:00Z`);
    }
    const first = await sync(fake, dir);
    expect(first.report.written).toHaveLength(5);
    const files = snapshotFiles(dir);
    // A coarse file-system clock would hide a rewrite; wait past it.
    await new Promise((r) => setTimeout(r, 20));

    const second = await sync(fake, dir);
    expect(second.report).toMatchObject({ issues: 5, written: [], unchanged: 5, failed: [] });
    expect(second.log).toEqual([]);
    expect(snapshotFiles(dir)).toEqual(files);
    parseAllIncidents(dir);
  });

  test('a dry run reports what it would write and writes nothing', async () => {
    fake.addIssue({ title: 'Down', body: 'x', author: 'alice', at: '2026-10-04T10:00:00Z' });
    const { report, log } = await sync(fake, dir, { dryRun: true });
    expect(report.written).toHaveLength(1);
    expect(tidy(log)).toEqual(['#1: would write <content>/incidents/issue-1.md']);
    expect(listIncidents(dir)).toEqual([]);
  });
});

describe('issues the prober opened', () => {
  test("comments go to the prober's incident file; its own comments and the bot's close are not repeated", async () => {
    mkdirSync(join(dir, 'incidents'));
    const prober = [
      '---',
      'title: API is down',
      'impact: major',
      'components:',
      '  api: major_outage',
      'started_at: 2026-10-04T10:00:00Z',
      'source: prober',
      'updates:',
      '  - at: 2026-10-04T10:00:00Z',
      '    status: investigating',
      '    text: "Our checks find API down: expected 2xx, got 503. We are looking into it."',
      '  - at: 2026-10-04T11:00:00Z',
      '    status: resolved',
      '    text: "Recovered: checks pass again after 1 h."',
      'github_issue: 1',
      '---',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'incidents', 'auto-api-20261004-1000.md'), prober);
    const issue = fake.addIssue({
      title: 'API is down',
      body: 'Our checks…\n\n<!-- heliograph:incident auto-api-20261004-1000 -->',
      author: 'github-actions[bot]',
      at: '2026-10-04T10:00:05Z',
    });
    fake.addComment(issue.number, {
      author: 'bob',
      body: 'Identified: expired certificate',
      at: '2026-10-04T10:30:00Z',
    });
    fake.addComment(issue.number, {
      author: 'github-actions[bot]',
      body: 'Recovered: checks pass again after 1 h.\n\n<!-- heliograph:incident auto-api-20261004-1000 -->',
      at: '2026-10-04T11:00:05Z',
    });
    fake.close(issue.number, 'github-actions[bot]', '2026-10-04T11:00:06Z');

    const { log } = await sync(fake, dir);
    expect(listIncidents(dir)).toEqual(['auto-api-20261004-1000.md']);
    expect(tidy(log)).toEqual([
      '#1: ignored close by @github-actions[bot] (none)',
      '#1: wrote <content>/incidents/auto-api-20261004-1000.md',
    ]);
    const data = parseAllIncidents(dir).get('auto-api-20261004-1000.md')!;
    expect(data).toMatchObject({ title: 'API is down', source: 'prober', github_issue: 1 });
    expect(data.updates.map((u) => [u.status, u.github])).toEqual([
      ['investigating', undefined],
      ['identified', `comment/${issue.comments[0]!.id}`],
      ['resolved', undefined],
    ]);
    expect((await sync(fake, dir)).report.written).toEqual([]);
  });

  test('an issue the prober opened whose file does not name it yet is linked by its mark', async () => {
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(
      join(dir, 'incidents', 'auto-web-20261004-1000.md'),
      '---\ntitle: Website is down\nimpact: major\nsource: prober\nupdates:\n  - at: 2026-10-04T10:00:00Z\n    status: investigating\n    text: Down.\n---\n',
    );
    fake.addIssue({
      title: 'Website is down',
      body: 'Down.\n\n<!-- heliograph:incident auto-web-20261004-1000 -->',
      author: 'github-actions[bot]',
      at: '2026-10-04T10:00:05Z',
    });
    fake.addIssue({
      title: 'Gone',
      body: '<!-- heliograph:incident auto-web-20250101-0000 -->',
      author: 'github-actions[bot]',
      at: '2026-10-04T10:00:05Z',
    });
    const { log } = await sync(fake, dir);
    expect(listIncidents(dir)).toEqual(['auto-web-20261004-1000.md']);
    expect(parseAllIncidents(dir).get('auto-web-20261004-1000.md')!.github_issue).toBe(1);
    expect(log).toContain(
      '#2: opened by the prober for incident auto-web-20250101-0000, which has no file here; skipped',
    );
  });
});

describe('one issue at a time', () => {
  test('--issue reads that issue only', async () => {
    fake.addIssue({ title: 'One', author: 'alice', at: '2026-10-04T10:00:00Z' });
    fake.addIssue({ title: 'Two', author: 'alice', at: '2026-10-04T10:00:00Z' });
    fake.addIssue({
      title: 'Not labelled',
      author: 'alice',
      labels: [],
      at: '2026-10-04T10:00:00Z',
    });
    await sync(fake, dir, { issue: 2 });
    expect(listIncidents(dir)).toEqual(['issue-2.md']);
    expect(fake.requestsTo(/\/issues$/)).toEqual([]);
    expect((await sync(fake, dir, { issue: 3 })).log).toEqual([
      '#3: no label "incident"; nothing to do',
    ]);
    expect((await sync(fake, dir, { issue: 9 })).log).toEqual([
      '#9: no such issue in acme/status; nothing to do',
    ]);
  });
});

describe('files the sync cannot use', () => {
  test('a broken file is reported and left alone; other issues still sync', async () => {
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(join(dir, 'incidents', 'issue-1.md'), '---\ntitle: [unclosed\n---\n');
    fake.addIssue({ title: 'One', author: 'alice', at: '2026-10-04T10:00:00Z' });
    fake.addIssue({ title: 'Two', author: 'alice', at: '2026-10-04T10:00:00Z' });
    const { report } = await sync(fake, dir);
    expect(readIncident(dir, 'issue-1.md')).toBe('---\ntitle: [unclosed\n---\n');
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toMatch(
      /^#1: .*issue-1\.md left as it is: it cannot be read:\n {2}.*issue-1\.md:2:17 YAML syntax error: /,
    );
    expect(listIncidents(dir)).toEqual(['issue-1.md', 'issue-2.md']);
  });
});

function diffLines(a: string, b: string): [string, string][] {
  const x = a.split('\n');
  const y = b.split('\n');
  return x.flatMap((line, i) => (line === y[i] ? [] : [[line, y[i] ?? '']]));
}
