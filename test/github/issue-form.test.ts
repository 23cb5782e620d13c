/**
 * The incident issue form: made from the configuration and the templates (and kept in step with
 * this repository's), valid as GitHub's form schema asks, and read back by the sync from the issue
 * body GitHub writes — end to end through a real octokit against the fake GitHub. A template
 * chosen in the form gives the words, the impact and the components that the form and the labels
 * leave unsaid.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { issueFormMain } from '../../src/lib/github/issue-form-cli.ts';
import { readTemplates } from '../../src/lib/content/templates.ts';
import {
  IMPACT_CHOICES,
  issueTemplateFiles,
  NO_TEMPLATE_CHOICE,
  readIssueForm,
  templateChoice,
} from '../../src/lib/github/issue-form.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { makeContent, parseAllIncidents, sync } from './helpers.ts';

const ROOT = join(import.meta.dirname, '../..');

/** One fake GitHub for the file's sync tests, reset before each. */
let fake: FakeGithub;
beforeAll(async () => {
  fake = await FakeGithub.start();
});
afterAll(() => fake.stop());

/**
 * An issue body as GitHub writes a submitted form: `### label`, a blank line, the answer; an
 * answer left empty is `_No response_`. `template` is given when the form offers templates.
 */
function formBody(answers: {
  template?: string;
  impact: string;
  components: string[];
  update: string;
}): string {
  return [
    ...(answers.template === undefined ? [] : ['### Template', '', answers.template, '']),
    '### Impact',
    '',
    answers.impact || '_No response_',
    '',
    '### Components',
    '',
    answers.components.length ? answers.components.join(', ') : '_No response_',
    '',
    '### What is happening',
    '',
    answers.update || '_No response_',
  ].join('\n');
}

type FormElement = { type: string; id?: string; attributes: Record<string, unknown> } & {
  validations?: { required?: boolean };
};

/** The generated incident form, parsed. */
function parseForm(text: string): {
  name: string;
  description: string;
  labels: string[];
  body: FormElement[];
} {
  return parse(text) as ReturnType<typeof parseForm>;
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
        /incident\.yml does not match .*heliograph\.yaml and .*templates\/: run `npm run issue-form`/,
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
    const content = join(ROOT, 'content');
    const config = loadConfig(content);
    const ids = new Set(config.components.map((c) => c.id));
    const { templates } = readTemplates(content, config.site.locale, ids);
    const form = parseForm(issueTemplateFiles(config, templates).get('incident.yml')!);
    expect(form.name).toBeTruthy();
    expect(form.description).toBeTruthy();
    expect(form.labels).toEqual(['incident']);
    const fieldIds = form.body.flatMap((e) => (e.id ? [e.id] : []));
    expect(new Set(fieldIds).size).toBe(fieldIds.length);
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

  test("a Template dropdown offers none and the templates of the site's language; impact and words may then be left empty", () => {
    const content = join(ROOT, 'content');
    const config = loadConfig(content);
    const ids = new Set(config.components.map((c) => c.id));
    const { templates } = readTemplates(content, config.site.locale, ids);
    const form = parseForm(issueTemplateFiles(config, templates).get('incident.yml')!);
    expect(form.body.map((e) => e.id ?? e.type)).toEqual([
      'markdown',
      'template',
      'impact',
      'components',
      'update',
    ]);
    const field = (id: string): FormElement => form.body.find((e) => e.id === id)!;
    expect(field('template').attributes).toMatchObject({ label: 'Template', default: 0 });
    expect(field('template').attributes['options']).toEqual([
      NO_TEMPLATE_CHOICE,
      'meta-down — Meta platforms down (WhatsApp, Instagram, Facebook)',
      'payment-provider-down — Payment provider down: card payments fail',
      'phone-line-down — Shop phone line out of service',
      'website-down — Website and online ordering down',
    ]);
    // Left empty, the template's impact and words apply: neither is required nor preset.
    expect(field('impact').validations).toBeUndefined();
    expect(field('impact').attributes['default']).toBeUndefined();
    expect(field('update').validations).toBeUndefined();

    // A site without templates keeps the form that asks for the impact and the words.
    const plain = parseForm(issueTemplateFiles(config, []).get('incident.yml')!);
    expect(plain.body.map((e) => e.id ?? e.type)).toEqual([
      'markdown',
      'impact',
      'components',
      'update',
    ]);
    expect(plain.body.find((e) => e.id === 'impact')).toMatchObject({
      attributes: { default: 0 },
      validations: { required: true },
    });
    expect(plain.body.find((e) => e.id === 'update')?.validations).toEqual({ required: true });
  });

  test('a template added makes --check fail until the command runs; a broken one is named', () => {
    const { dir, remove } = makeContent();
    const out = mkdtempSync(join(tmpdir(), 'heliograph-form-'));
    try {
      expect(run(['--content', dir, '--out', out]).code).toBe(0);
      expect(readFileSync(join(out, 'incident.yml'), 'utf8')).not.toContain('id: template');
      mkdirSync(join(dir, 'templates', 'fr'), { recursive: true });
      writeFileSync(
        join(dir, 'templates', 'api-down.md'),
        '---\ntitle: API down\ndescription: The API fails\n---\n\nThe API fails.\n',
      );
      // Another language's template is not offered.
      writeFileSync(
        join(dir, 'templates', 'fr', 'web-down.md'),
        '---\ntitle: Site indisponible\n---\n\nLe site est indisponible.\n',
      );
      const stale = run(['--check', '--content', dir, '--out', out]);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(
        /incident\.yml does not match .*heliograph\.yaml and .*templates\//,
      );
      expect(run(['--content', dir, '--out', out]).code).toBe(0);
      const form = readFileSync(join(out, 'incident.yml'), 'utf8');
      expect(form).toContain(
        `- ${templateChoice({ name: 'api-down', description: 'The API fails', title: '' })}`,
      );
      expect(form).not.toContain('web-down');

      writeFileSync(join(dir, 'templates', 'broken.md'), '---\ntitle: Down\n---\n\n{{chanel}}\n');
      const broken = run(['--check', '--content', dir, '--out', out]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/broken\.md:5:1 body: unknown placeholder \{\{chanel\}\}/);
    } finally {
      remove();
      rmSync(out, { recursive: true, force: true });
    }
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
      template: undefined,
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
      template: undefined,
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
      template: undefined,
      skipped: ['form: components "Telegram (telegram)" name no component in heliograph.yaml'],
    });
  });

  test('the template chosen by its name; none, and answers left empty, say nothing', () => {
    const chosen = formBody({
      template: templateChoice({
        name: 'chat-down',
        description: 'Chat down — all of it',
        title: '',
      }),
      impact: '_No response_',
      components: [],
      update: '',
    });
    expect(readIssueForm(chosen, components)).toEqual({
      labels: [],
      text: '',
      template: 'chat-down',
      skipped: [],
    });
    for (const answer of [NO_TEMPLATE_CHOICE, '_No response_']) {
      const body = formBody({ template: answer, impact: '', components: [], update: 'Words.' });
      expect(readIssueForm(body, components)).toMatchObject({
        template: undefined,
        text: 'Words.',
      });
    }
    // A template may be called `none`: only the none choice, whole, means none.
    const named = formBody({
      template: 'none — a template',
      impact: '',
      components: [],
      update: '',
    });
    expect(readIssueForm(named, components)?.template).toBe('none');
  });

  test('a body written by hand is not a form', () => {
    expect(readIssueForm('Checkout fails.\n\n### Impact\n\nbig', components)).toBeUndefined();
    expect(readIssueForm('', components)).toBeUndefined();
  });
});

describe('the sync, with issues opened through the form', () => {
  let dir: string;
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

describe('the sync, with a template chosen in the form', () => {
  let dir: string;
  beforeEach(() => {
    fake.reset();
    fake.setRole('alice', 'admin');
    fake.setRole('mallory', 'triage');
    const content = makeContent({
      extra: `channels:
  - { id: whatsapp, name: WhatsApp, kind: whatsapp, url: 'https://wa.me/1', component: whatsapp }
  - { id: email, name: E-mail, kind: email, url: 'mailto:help@example.com', fallback_order: 1 }
`,
    });
    dir = content.dir;
    mkdirSync(join(dir, 'templates', 'en'), { recursive: true });
    writeFileSync(
      join(dir, 'templates', 'en', 'chat-down.md'),
      `---
title: '{{component}} unreachable'
description: Chat down
impact: major
components: { whatsapp: major_outage }
---

{{component}} is down. Write to us on {{channel}}.
`,
    );
    writeFileSync(
      join(dir, 'templates', 'known-cause.md'),
      `---
title: Known cause
status: identified
---

We know why {{component}} fails and are fixing it.
`,
    );
    return content.remove;
  });

  const chose = (
    name: string,
    answers: { impact?: string; components?: string[]; update?: string } = {},
  ): string =>
    formBody({
      template: name === 'none' ? NO_TEMPLATE_CHOICE : `${name} — whatever its description`,
      impact: answers.impact ?? '',
      components: answers.components ?? [],
      update: answers.update ?? '',
    });

  test('the template gives the words, the impact and the components the form leaves empty', async () => {
    fake.addIssue({
      title: 'WhatsApp down',
      body: chose('chat-down'),
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    const { log } = await sync(fake, dir);
    expect(log).toEqual([`#1: wrote ${join(dir, 'incidents/issue-1.md')}`]);
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      title: 'WhatsApp down',
      impact: 'major',
      components: { whatsapp: 'major_outage' },
      updates: [
        {
          status: 'investigating',
          text: 'WhatsApp is down. Write to us on [E-mail](mailto:help@example.com).',
          github: 'issue',
        },
      ],
    });
    // Nothing new on GitHub: nothing written.
    expect((await sync(fake, dir)).report.written).toEqual([]);
  });

  test('a template edited later rewrites no incident it already filled; new ones take the new words', async () => {
    fake.addIssue({
      title: 'WhatsApp down',
      body: chose('chat-down'),
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    await sync(fake, dir);
    const published = readFileSync(join(dir, 'incidents', 'issue-1.md'), 'utf8');
    writeFileSync(
      join(dir, 'templates', 'en', 'chat-down.md'),
      `---
title: '{{component}} unreachable'
description: Chat down
impact: minor
components: { whatsapp: degraded_performance }
---

Messages to {{component}} are slow.
`,
    );
    // A comment makes the sync write the file again: only the comment is new in it.
    fake.addComment(1, { author: 'alice', body: 'Still looking.', at: '2026-10-04T16:00:00Z' });
    await sync(fake, dir);
    const after = parseAllIncidents(dir).get('issue-1.md');
    expect(after).toMatchObject({
      impact: 'major',
      components: { whatsapp: 'major_outage' },
      updates: [
        {
          text: 'WhatsApp is down. Write to us on [E-mail](mailto:help@example.com).',
          github: 'issue',
        },
        { text: 'Still looking.' },
      ],
    });
    expect(
      readFileSync(join(dir, 'incidents', 'issue-1.md'), 'utf8').startsWith(
        published.split('updates:')[0]!,
      ),
    ).toBe(true);
    fake.addIssue({
      title: 'WhatsApp slow',
      body: chose('chat-down'),
      author: 'alice',
      at: '2026-10-04T17:00:00Z',
    });
    await sync(fake, dir);
    expect(parseAllIncidents(dir).get('issue-2.md')).toMatchObject({
      impact: 'minor',
      components: { whatsapp: 'degraded_performance' },
      updates: [{ text: 'Messages to WhatsApp are slow.', github: 'issue' }],
    });
  });

  test("the form's answers and authorised labels win; the words are filled for the components they name", async () => {
    fake.addIssue({
      title: 'API down',
      body: chose('chat-down', { components: ['API (api)'] }),
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
      labels: ['incident', 'impact:critical'],
    });
    fake.addIssue({
      title: 'API and chat down',
      body: chose('chat-down', {
        impact: IMPACT_CHOICES.minor,
        update: 'Identified: the API fails too.',
      }),
      author: 'alice',
      at: '2026-10-04T15:45:00Z',
      labels: ['incident', 'component:api=down'],
    });
    await sync(fake, dir);
    const files = parseAllIncidents(dir);
    expect(files.get('issue-1.md')).toMatchObject({
      impact: 'critical',
      components: { api: 'partial_outage' },
      updates: [
        {
          status: 'investigating',
          text: 'API is down. Write to us on [E-mail](mailto:help@example.com) and [WhatsApp](https://wa.me/1).',
        },
      ],
    });
    expect(files.get('issue-2.md')).toMatchObject({
      impact: 'minor',
      components: { api: 'major_outage' },
      updates: [{ status: 'identified', text: 'the API fails too.' }],
    });
  });

  test("a label applied by someone who may not post does not override the template's impact or components", async () => {
    fake.addIssue({
      title: 'WhatsApp down',
      body: chose('chat-down'),
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    fake.label(1, 'impact:none', 'mallory', '2026-10-04T15:41:00Z');
    fake.label(1, 'component:web', 'mallory', '2026-10-04T15:41:00Z');
    const { log } = await sync(fake, dir);
    expect(log).toContain(
      '#1: label "impact:none" was applied by @mallory (triage), who may not post; it does not count',
    );
    expect(parseAllIncidents(dir).get('issue-1.md')).toMatchObject({
      impact: 'major',
      components: { whatsapp: 'major_outage' },
    });
  });

  test("a template's status starts the first update unless its words say another", async () => {
    fake.addIssue({
      title: 'Website slow',
      body: chose('known-cause', { components: ['Website (web)'] }),
      author: 'alice',
      at: '2026-10-04T15:40:00Z',
    });
    fake.addIssue({
      title: 'Website slow again',
      body: chose('known-cause', { update: 'Monitoring: a fix is out.' }),
      author: 'alice',
      at: '2026-10-04T15:45:00Z',
    });
    await sync(fake, dir);
    const files = parseAllIncidents(dir);
    expect(files.get('issue-1.md')).toMatchObject({
      impact: 'minor',
      components: { web: 'partial_outage' },
      updates: [{ status: 'identified', text: 'We know why Website fails and are fixing it.' }],
    });
    expect(files.get('issue-2.md')).toMatchObject({
      updates: [{ status: 'monitoring', text: 'a fix is out.' }],
    });
    expect(files.get('issue-2.md')!.components).toEqual({});
  });

  test('none, or a template that does not exist or cannot be read: the words as written, named in the log', async () => {
    writeFileSync(join(dir, 'templates', 'broken.md'), '---\ntitle: Down\n---\n\n{{chanel}}\n');
    for (const [i, name] of ['none', 'chat-dwn', 'broken'].entries()) {
      fake.addIssue({
        title: `Issue ${name}`,
        body: chose(name, { update: `Words ${i}.` }),
        author: 'alice',
        at: `2026-10-04T15:4${i}:00Z`,
      });
    }
    const { log } = await sync(fake, dir);
    const files = parseAllIncidents(dir);
    for (const i of [0, 1, 2]) {
      expect(files.get(`issue-${i + 1}.md`)).toMatchObject({
        impact: 'minor',
        updates: [{ status: 'investigating', text: `Words ${i}.` }],
      });
      expect(files.get(`issue-${i + 1}.md`)!.components).toEqual({});
    }
    expect(log).toContain(
      '#2: form: template "chat-dwn" is not in templates/; the words are used as written',
    );
    expect(log.find((l) => l.startsWith('#3: form: template "broken"'))).toMatch(
      /cannot be used \(.*broken\.md:5:1 body: unknown placeholder \{\{chanel\}\}.*\); the words are used as written$/,
    );
  });

  test('the template is an answer of the form: it counts only when the author may post', async () => {
    fake.addIssue({
      title: 'WhatsApp down',
      body: chose('chat-down'),
      author: 'mallory',
      at: '2026-10-04T15:40:00Z',
    });
    const { log } = await sync(fake, dir);
    expect(log).toEqual(['#1: ignored: opened by @mallory (triage), who may not post']);
    expect(parseAllIncidents(dir).size).toBe(0);
  });
});
