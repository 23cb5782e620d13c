/** The share box's ready-to-post texts: each distinct text once, under every channel it is for. */
import { expect, test } from 'vitest';
import { messages } from '../../src/lib/i18n/messages.ts';
import { boxTexts } from '../../src/lib/share/box-texts.ts';
import type { ShareTexts } from '../../src/lib/share/texts.ts';

const LABELS = messages('en').share;

test('a short update: the four networks share one box, SMS and e-mail keep theirs', () => {
  const post = 'Resolved: Checkout errors\nhttps://status.example.com/incidents/x/';
  const texts: ShareTexts = {
    x: post,
    bluesky: post,
    mastodon: post,
    telegram: post,
    sms: 'Resolved: Checkout errors. https://status.example.com/incidents/x/',
    email: { subject: '[Shop] Resolved: Checkout errors', body: `${post}\n\n— Shop\n` },
  };
  expect(boxTexts(texts, LABELS)).toEqual([
    { label: 'Telegram · WhatsApp · X · Bluesky · Mastodon', text: post, rows: 6 },
    { label: 'Text message (SMS)', text: texts.sms, rows: 3 },
    { label: 'E-mail subject', text: texts.email.subject, rows: 1 },
    { label: 'E-mail body', text: texts.email.body, rows: 8 },
  ]);
});

test('a long update: each network keeps the text fitted to it', () => {
  const texts: ShareTexts = {
    x: 'short…',
    bluesky: 'longer…',
    mastodon: 'whole',
    telegram: 'whole',
    sms: 'sms',
    email: { subject: 'subject', body: 'body' },
  };
  expect(boxTexts(texts, LABELS).map((b) => [b.label, b.text])).toEqual([
    ['Telegram · WhatsApp · Mastodon', 'whole'],
    ['X', 'short…'],
    ['Bluesky', 'longer…'],
    ['Text message (SMS)', 'sms'],
    ['E-mail subject', 'subject'],
    ['E-mail body', 'body'],
  ]);
});
