/**
 * The incident issue form: made from the configuration (and kept in step with this repository's),
 * valid as GitHub's form schema asks, and read back by the sync from the issue body GitHub writes
 * — end to end through a real octokit against the fake GitHub.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { issueFormMain } from '../../src/lib/github/issue-form-cli.ts';
import {
  IMPACT_CHOICES,
  issueTemplateFiles,
  readIssueForm,
} from '../../src/lib/github/issue-form.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { makeContent, parseAllIncidents, sync } from './helpers.ts';

const ROOT = join(import.meta.dirname, '../..');

/** An issue body as GitHub writes a submitted form: `### label`, a blank line, the answer. */
function formBody(answers: { impact: string; components: string[]; update: string }): string {
  return [
    '### Impact',
    '',
    answers.impact,
    '',
    '### Components',
    '',
    answers.components.length ? answers.components.join(', ') : '_No response_',
    '',
    '### What is happening',
    '',
    answers.update,
  ].join('\n');
}

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = issueFormMain(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('the form and the configuration', () => {
  test("this repository's issue templates match content/heliograph.yaml", () => {
    const result = run([
      '--check',
      '--content',
      join(ROOT, 'content'),
      '--out',
      join(ROOT, '.github/ISSUE_TEMPLATE'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('a component added to the configuration makes --check fail until the command runs', () => {
    const { dir, remove } = makeContent();
    const out = mkdtempSync(join(tmpdir(), 'heliograph-form-'));
    try {
      expect(run(['--content', dir, '--out', out]).code).toBe(0);
      expect(run(['--check', '--content', dir, '--out', out]).code).toBe(0);
      const config = join(dir, 'heliograph.yaml');
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace(
          '  - id: whatsapp',
          '  - id: mail\n    name: E-mail\n  - id: whatsapp',
        ),
      );
      const stale = run(['--check', '--content', dir, '--out', out]);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(
        /incident\.yml does not match .*heliograph\.yaml: run `npm run issue-form`/,
      );
      expect(readFileSync(join(out, 'incident.yml'), 'utf8')).not.toContain('E-mail (mail)');
      expect(run(['--content', dir, '--out', out]).stdout).toMatch(/^wrote .*incident\.yml$/m);
      expect(readFileSync(join(out, 'incident.yml'), 'utf8')).toContain('- E-mail (mail)');
      expect(run(['--check', '--content', dir, '--out', out]).code).toBe(0);
    } finally {
      remove();
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the form follows GitHub form schema: the label, a title, unique ids, choices GitHub accepts', () => {
    const form = parse(
      issueTemplateFiles(loadConfig(join(ROOT, 'content'))).get('incident.yml')!,
    ) as {
      name: string;
      description: string;
      labels: string[];
      body: { type: string; id?: string; attributes: Record<string, unknown> }[];
    };
    expect(form.name).toBeTruthy();
    expect(form.description).toBeTruthy();
    expect(form.labels).toEqual(['incident']);
    const ids = form.body.flatMap((e) => (e.id ? [e.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const allowed = ['markdown', 'textarea', 'input', 'dropdown', 'checkboxes'];
    for (const element of form.body) {
      expect(allowed).toContain(element.type);
      if (element.type === 'markdown') continue;
      expect(element.attributes['label']).toBeTruthy();
      if (element.type !== 'dropdown') continue;
      const options = element.attributes['options'] as string[];
      expect(options.length).toBeGreaterThan(0);
      expect(new Set(options).size).toBe(options.length);
      // "None" is reserved by GitHub for an unanswered dropdown.
      expect(options.map((o) => o.toLowerCase())).not.toContain('none');
    }
    expect(form.body.find((e) => e.id === 'components')?.attributes['options']).toEqual([
      'Website (website)',
      'Online ordering (ordering)',
      'Card payments (payments)',
      'Delivery tracking (tracking)',
      'Shop phone line (phone)',
      'WhatsApp (whatsapp)',
      'Instagram (instagram)',
      'Facebook (facebook)',
    ]);
  });
});

describe('reading the body GitHub writes', () => {
  const components = [
    { id: 'api', name: 'API' },
    { id: 'web', name: 'Website, shop and blog' },
    { id: 'whatsapp', name: 'WhatsApp' },
  ];

  test('impact and components as the labels they stand for; the update as typed', () => {
    const body = formBody({
      impact: IMPACT_CHOICES.major,
      components: ['Website, shop and blog (web)', 'WhatsApp (whatsapp)'],
      update: 'Identified: the payment provider is down.\n\n### Details\n\nMore.',
    });
    expect(readIssueForm(body, components)).toEqual({
      labels: ['impact:major', 'component:web', 'component:whatsapp'],
      text: 'Identified: the payment provider is down.\n\n### Details\n\nMore.',
      skipped: [],
    });
  });

  test('no component chosen; Windows line ends; a renamed component by its id; an unknown one', () => {
    const body = formBody({
      impact: IMPACT_CHOICES.none,
      components: [],
      update: 'Just a note.',
    }).replaceAll('\n', '\r\n');
    expect(readIssueForm(body, components)).toEqual({
      labels: ['impact:none'],
      text: 'Just a note.',
      skipped: [],
    });
    const renamed = formBody({
      impact: IMPACT_CHOICES.critical,
      components: ['Public API (api)', 'Telegram (telegram)'],
      update: 'Down.',
    });
    expect(readIssueForm(renamed, components)).toEqual({
      labels: ['impact:critical', 'component:api'],
      text: 'Down.',
      skipped: ['form: components "Telegram (telegram)" name no component in heliograph.yaml'],
    });
  });

  test('a body written by hand is not a form', () => {
    expect(readIssueForm('Checkout fails.\n\n### Impact\n\nbig', components)).toBeUndefined();
    expect(readIssueForm('', components)).toBeUndefined();
  });
});

describe('the sync, with issues opened through the form', () => {
  let fake: FakeGithub;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeGithub.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.setRole('carol', 'write');
    fake.setRole('mallory', 'read');
    const content = makeContent();
    dir = content.dir;
    return content.remove;
  });

  test('impact, components and the first update come from the form; labels add to them', async () => {
    fake.addIssue({
      title: 'Payments fail',
      body: formBody({
        impact: IMPACT_CHOICES.major,
        components: ['API (api)', 'Website (web)'],
        update: 'Identified: the payment provider is down.',
      }),
      author: 'carol',
      at: '2026-10-04T15:40:00Z',
      labels: ['incident', 'component:web=down'],
    });
    const { log } = await sync(fake, dir);
    expect(log).toEqual([`#1: wrote ${join(dir, 'incidents/issue-1.md')}`]);
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      title: 'Payments fail',
      impact: 'major',
      components: { api: 'partial_outage', web: 'major_outage' },
      updates: [
        {
          at: '2026-10-04T15:40:00Z',
          status: 'identified',
          text: 'the payment provider is down.',
          github: 'issue',
        },
      ],
    });
  });

  test('a form-made issue by someone who may not write is ignored, as any other', async () => {
    fake.addIssue({
      title: 'Everything is down!!!',
      body: formBody({ impact: IMPACT_CHOICES.critical, components: ['API (api)'], update: 'x' }),
      author: 'mallory',
      at: '2026-10-04T15:40:00Z',
    });
    const { log, report } = await sync(fake, dir);
    expect(log).toEqual(['#1: ignored: opened by @mallory (read), who may not post']);
    expect(report.ignored.issues).toBe(1);
    expect(parseAllIncidents(dir).size).toBe(0);
  });

  test('a choice naming no component is logged, and the rest is synced', async () => {
    fake.addIssue({
      title: 'Telegram slow',
      body: formBody({
        impact: IMPACT_CHOICES.minor,
        components: ['Telegram (telegram)', 'WhatsApp (whatsapp)'],
        update: 'Messages arrive late.',
      }),
      author: 'carol',
      at: '2026-10-04T15:40:00Z',
    });
    const { log } = await sync(fake, dir);
    expect(log).toContain(
      '#1: form: components "Telegram (telegram)" name no component in heliograph.yaml',
    );
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      impact: 'minor',
      components: { whatsapp: 'partial_outage' },
      updates: [{ status: 'investigating', text: 'Messages arrive late.' }],
    });
  });
});
