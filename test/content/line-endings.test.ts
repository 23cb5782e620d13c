/**
 * Every writer of incident files keeps a file's own line endings, its byte-order mark and what an
 * editor wrote in it: an editor on Windows saves an incident with CRLF, and then the editor
 * command, the prober, the GitHub sync and the automatic issues each add to that file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { publishAutoIssues } from '../../src/lib/github/auto-issues.ts';
import { renderIncidentFile } from '../../src/lib/github/incident-file.ts';
import type { ComponentResult } from '../../src/lib/measure/run.ts';
import { recordRun } from '../../src/lib/record/record.ts';
import { formatProblem } from '../../src/lib/validation/friendly-errors.ts';
import { runIncident } from '../cli/support.ts';
import { clientFor } from '../github/helpers.ts';
import { FakeGithub } from '../support/fake-github.ts';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const COMPONENTS: ReadonlySet<string> = new Set(['api', 'web']);
const COMMENT = '# Ada: keep this title, customers know it.';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-eol-'));
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Acme status
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - { id: api, name: API }
  - { id: web, name: Website }
probe:
  confirm_down: 1
  confirm_up: 1
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An incident as a Windows editor saves it: byte-order mark, CRLF, a comment, a body. */
function windowsFile(id: string, extra: string[] = []): string {
  const text = [
    '---',
    COMMENT,
    "title: 'Checkout: slow'",
    'impact: minor',
    'components: { api: partial_outage }',
    'updates:',
    '  - at: 2026-11-21T08:50:00Z',
    '    status: investigating',
    '    text: Payments take a minute.',
    ...extra,
    '---',
    '',
    'Notes.',
    '',
  ].join('\r\n');
  mkdirSync(join(dir, 'incidents'), { recursive: true });
  writeFileSync(join(dir, 'incidents', `${id}.md`), `\uFEFF${text}`);
  return join(dir, 'incidents', `${id}.md`);
}

/** The file is still a Windows file with the editor's words, valid, and holds `added`. */
function expectKept(path: string, added: RegExp): void {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(text).toContain(`\r\n${COMMENT}\r\ntitle: 'Checkout: slow'\r\n`);
  expect(text.endsWith('---\r\n\r\nNotes.\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '\n')).toMatch(added);
  const parsed = parseIncidentFile(text, path, COMPONENTS);
  expect(parsed.ok ? [] : parsed.problems.map(formatProblem)).toEqual([]);
}

describe('a CRLF file with a byte-order mark', () => {
  test('the editor command appends an update', async () => {
    const path = windowsFile('checkout');
    const run = await runIncident(dir, [
      'update',
      'checkout',
      '--status=identified',
      '--message=A slow fraud check.',
      '--at=2026-11-21T09:10:00Z',
    ]);
    expect(run.stderr).toBe('');
    expectKept(path, /status: identified\n\s+text: A slow fraud check\.\n---/);
  });

  test('the prober resolves the incident it opened, after an editor saved it on Windows', () => {
    const probe = (n: number, status: ComponentResult['status']) =>
      recordRun({
        contentDir: dir,
        config: loadConfig(dir),
        results: [
          {
            component: 'api',
            at: T0 + n * 300_000,
            status,
            ms: null,
            reason: status === 'operational' ? undefined : 'expected 2xx, got 503',
            checks: [],
          },
        ],
        now: T0 + n * 300_000,
      });
    const [opened] = probe(0, 'major_outage').incidents;
    expect(opened?.kind).toBe('opened');
    const path = windowsFile(opened!.incident);
    expect(probe(1, 'operational').incidents).toEqual([
      { kind: 'resolved', component: 'api', incident: opened!.incident },
    ]);
    expectKept(path, /status: resolved\n\s+text: "?The problem with API is solved/);
  });

  test('the GitHub sync adds a comment from the linked issue', () => {
    const path = windowsFile('checkout', ['github_issue: 3']);
    const rendered = renderIncidentFile({
      timeline: {
        number: 3,
        comments: [{ id: 11, text: 'Identified: a slow fraud check', at: '2026-11-21T09:10:00Z' }],
        events: [],
      },
      existing: readFileSync(path, 'utf8'),
      file: path,
      mode: 'linked',
      components: COMPONENTS,
      locale: 'en',
    });
    expect(rendered).toMatchObject({ ok: true });
    if (rendered.ok) writeFileSync(path, rendered.text);
    expectKept(path, /github: comment\/11\n\s+text: a slow fraud check\n/);
  });

  describe('the automatic issues', () => {
    let fake: FakeGithub;
    beforeAll(async () => {
      fake = await FakeGithub.start();
    });
    afterAll(() => fake.stop());

    test('note the issue they opened in the file', async () => {
        const path = windowsFile('checkout');
      const outcome = await publishAutoIssues({
        client: clientFor(fake),
        repo: { owner: fake.owner, repo: fake.repo },
        contentDir: dir,
        config: loadConfig(dir),
        actions: [{ kind: 'opened', component: 'api', incident: 'checkout' }],
        log: () => undefined,
      });
      expect(outcome.failed).toEqual([]);
      expectKept(path, /\ngithub_issue: 1\n---/);
    });
  });
});
