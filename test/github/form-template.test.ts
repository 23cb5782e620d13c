/**
 * Issues opened with the incident form: a `Template` answer starts the incident from that
 * template (its words filled for the components, its impact and components where no label says
 * otherwise); a `Message` answer is the first update as written; a template that does not exist
 * is named in the log and the message is used as written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { FakeGithub } from '../support/fake-github.ts';
import { makeContent, parseAllIncidents, sync } from './helpers.ts';

let fake: FakeGithub;
let dir: string;

beforeAll(async () => {
  fake = await FakeGithub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.setRole('alice', 'admin');
  const content = makeContent({
    extra: `channels:
  - { id: whatsapp, name: WhatsApp, kind: whatsapp, url: 'https://wa.me/1', component: whatsapp }
  - { id: email, name: E-mail, kind: email, url: 'mailto:help@example.com', fallback_order: 1 }
`,
  });
  dir = content.dir;
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'templates', 'chat-down.md'),
    `---
title: '{{component}} unreachable'
impact: major
components: { whatsapp: major_outage }
---

{{component}} is down. Write to us on {{channel}}.
`,
  );
  return content.remove;
});

const form = (template: string, message: string): string =>
  `### Template\n\n${template}\n\n### Message\n\n${message}\n`;

test('the template chosen in the form gives the words, the impact and the components', async () => {
  fake.addIssue({
    title: 'WhatsApp down',
    body: form('chat-down', '_No response_'),
    author: 'alice',
    at: '2026-10-04T15:40:00Z',
  });
  fake.addIssue({
    title: 'API and chat down',
    body: form('chat-down', 'Identified: the API fails too.'),
    author: 'alice',
    at: '2026-10-04T15:45:00Z',
    labels: ['incident', 'component:api=down', 'impact:critical'],
  });
  fake.addIssue({
    title: 'Plain',
    body: form('none', 'Just words.'),
    author: 'alice',
    at: '2026-10-04T15:50:00Z',
  });
  fake.addIssue({
    title: 'Typo',
    body: form('chat-dwn', 'Hm.'),
    author: 'alice',
    at: '2026-10-04T15:55:00Z',
  });
  const { log } = await sync(fake, dir);
  const files = parseAllIncidents(dir);
  expect(files.get('issue-1.md')).toMatchObject({
    title: 'WhatsApp down',
    impact: 'major',
    components: { whatsapp: 'major_outage' },
    updates: [
      {
        status: 'investigating',
        text: 'WhatsApp is down. Write to us on [E-mail](mailto:help@example.com).',
      },
    ],
  });
  expect(files.get('issue-2.md')).toMatchObject({
    impact: 'critical',
    components: { api: 'major_outage' },
    updates: [{ status: 'identified', text: 'the API fails too.' }],
  });
  expect(files.get('issue-3.md')).toMatchObject({
    impact: 'minor',
    updates: [{ text: 'Just words.' }],
  });
  expect(files.get('issue-3.md')!.components).toEqual({});
  expect(files.get('issue-4.md')!.updates[0]!.text).toBe('Hm.');
  expect(log).toContain(
    '#4: template "chat-dwn" is not in templates/; the message is used as written',
  );
});
