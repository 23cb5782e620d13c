/**
 * `npm run notify` end to end against a local HTTP server and a local SMTP server: what each kind
 * of target receives (payload shape, headers, the webhook's signature), in which order, what the
 * record says, that a rerun sends nothing, and that no secret reaches an output.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONFIGURED } from '../../src/lib/notify/record.ts';
import { LIMITS } from '../../src/lib/share/texts.ts';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.ts';
import {
  allTargets,
  NOW,
  recorded,
  removeSite,
  runNotify,
  type RunOptions,
  secretEnv,
  secretStrings,
  writeSite,
} from './fixture.ts';
import { startSmtpRecorder, type SmtpRecorder } from './smtp-recorder.ts';

let http: RecordingServer;
let smtp: SmtpRecorder;
/** Runs notify against the recording servers, trusting the SMTP server's certificate. */
const send = (dir: string, options: RunOptions = {}) =>
  runNotify(dir, http.url, { ca: [smtp.ca], ...options });
let dir: string;
let first: Awaited<ReturnType<typeof runNotify>>;
let summary: string;

const OPENED = 'checkout-errors-20261121t0810';
const UPDATED = 'checkout-errors-20261121t0830';
const RESOLVED = 'checkout-errors-20261121t0850';
const STARTED = 'db-upgrade-started';
const EVENTS = [OPENED, UPDATED, RESOLVED, STARTED];
const INCIDENT_URL = 'https://status.forno.example/status/incidents/checkout-errors/';
const MAINTENANCE_URL = 'https://status.forno.example/status/maintenance/db-upgrade/';

beforeAll(async () => {
  [http, smtp] = await Promise.all([startRecordingServer(), startSmtpRecorder()]);
  dir = writeSite(allTargets(http.url, smtp.port));
  const summaryFile = join(dir, 'step-summary.md');
  first = await send(dir, {
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile },
  });
  summary = readFileSync(summaryFile, 'utf8');
});
afterAll(async () => {
  removeSite(dir);
  await Promise.all([http.close(), smtp.close()]);
});

const json = (route: string): Record<string, unknown>[] =>
  http.accepted(route).map((r) => JSON.parse(r.body) as Record<string, unknown>);

test('every event goes to every target once, oldest first, and exits 0', () => {
  expect(first.code).toBe(0);
  expect(first.stderr).toBe('');
  for (const route of ['slack', 'discord', 'telegram', 'mastodon', 'webhook']) {
    expect(http.to(route), route).toHaveLength(4);
  }
  expect(smtp.mails).toHaveLength(4);
  const perTarget = (target: string): string[] =>
    recorded(dir)
      .filter((l) => l.startsWith(`${target} `))
      .map((l) => l.split(' ')[1]!);
  for (const target of ['slack', 'discord', 'telegram', 'mastodon', 'webhook', 'email']) {
    expect(perTarget(target), target).toEqual(EVENTS);
  }
  expect(first.stdout).toMatch(
    new RegExp(`^sent slack incident\\.opened ${OPENED} \\(1 attempt, \\d+ ms\\)$`, 'm'),
  );
  expect(first.stdout).toMatch(/^notify: 24 sent, 0 failed$/m);
});

test('events older than the horizon and maintenance still to come are not sent', () => {
  const everything = http.requests.map((r) => r.body).join('\n');
  expect(everything).not.toContain('three days ago');
  expect(everything).not.toContain('Later work');
  expect(recorded(dir).some((l) => l.includes('old-outage'))).toBe(false);
});

test('Slack: { text } with the Telegram variant, Slack control characters escaped', () => {
  const [request] = http.accepted('slack');
  expect(request!.path).toBe('/slack/services/T0HELIO/B0NOTIFY/xoxSlackSecret9f31');
  expect(request!.headers['content-type']).toMatch(/^application\/json/);
  const bodies = json('slack');
  expect(Object.keys(bodies[0]!)).toEqual(['text']);
  expect(bodies[0]!['text']).toMatch(/^Investigating: Checkout &amp; WhatsApp down\n/);
  expect(bodies[0]!['text']).toContain('Reach us: E-mail help@forno.example');
  expect(bodies[0]!['text']).toMatch(new RegExp(`${INCIDENT_URL}$`));
  expect(bodies.map((b) => (b['text'] as string).split(':')[0])).toEqual([
    'Investigating',
    'Identified',
    'Resolved',
    'Maintenance in progress',
  ]);
});

test('Discord: { content } within 2,000 characters, mentions switched off', () => {
  const bodies = json('discord');
  for (const body of bodies) {
    expect(Object.keys(body).sort()).toEqual(['allowed_mentions', 'content']);
    expect([...(body['content'] as string)].length).toBeLessThanOrEqual(2000);
    expect(body['allowed_mentions']).toEqual({ parse: [] });
  }
  expect(bodies[0]!['content']).toMatch(/^Investigating: Checkout & WhatsApp down\n/);
  expect(bodies[3]!['content']).toMatch(new RegExp(`${MAINTENANCE_URL}$`));
});

test('Telegram: sendMessage under /bot<token>/ with chat_id and the Telegram text', () => {
  const requests = http.accepted('telegram');
  expect(requests.map((r) => r.path)).toEqual(
    Array(4).fill('/telegram/bot7012345678:AAH-telegramSecretToken/sendMessage'),
  );
  const body = JSON.parse(requests[2]!.body) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['chat_id', 'text']);
  expect(body['chat_id']).toBe('@fornostatus');
  expect(body['text']).toMatch(/^Resolved: Checkout & WhatsApp down\n/);
  expect(body['text']).toMatch(new RegExp(`${INCIDENT_URL}$`));
});

test('Mastodon: POST /api/v1/statuses with the bearer token and the event id as Idempotency-Key', () => {
  const requests = http.accepted('mastodon');
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
    Array(4).fill('POST /mastodon/api/v1/statuses'),
  );
  expect(requests.map((r) => r.headers['authorization'])).toEqual(
    Array(4).fill('Bearer mastoSecretAccessToken77'),
  );
  expect(requests.map((r) => r.headers['idempotency-key'])).toEqual(EVENTS);
  const body = JSON.parse(requests[0]!.body) as Record<string, unknown>;
  expect(body).toMatchObject({ visibility: 'unlisted', language: 'en' });
  expect([...(body['status'] as string)].length).toBeLessThanOrEqual(LIMITS.mastodon);
  expect(body['status']).toMatch(/^Investigating: Checkout & WhatsApp down\n/);
});

describe('the generic webhook', () => {
  const secret = secretEnv('').WEBHOOK_SECRET;

  test('is signed: HMAC-SHA256 of the raw body, verified here with node:crypto', () => {
    const requests = http.accepted('webhook');
    expect(requests).toHaveLength(4);
    for (const r of requests) {
      const header = r.headers['x-heliograph-signature'] as string;
      expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
      const expected = `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;
      expect(timingSafeEqual(Buffer.from(header), Buffer.from(expected))).toBe(true);
      // A changed byte, or another key, does not verify.
      const tampered = createHmac('sha256', secret).update(`${r.body} `).digest('hex');
      expect(header).not.toBe(`sha256=${tampered}`);
      expect(header).not.toBe(
        `sha256=${createHmac('sha256', 'other').update(r.body).digest('hex')}`,
      );
    }
  });

  test('carries the time in a header and, signed, in the body', () => {
    for (const r of http.accepted('webhook')) {
      const timestamp = r.headers['x-heliograph-timestamp'] as string;
      expect(timestamp).toBe(String(NOW / 1000));
      const body = JSON.parse(r.body) as { sent_at: string };
      expect(Date.parse(body.sent_at) / 1000).toBe(Number(timestamp));
    }
  });

  test('names the event and the delivery in headers, and keeps the query string', () => {
    const requests = http.accepted('webhook');
    expect(requests.map((r) => r.headers['x-heliograph-event'])).toEqual([
      'incident.opened',
      'incident.updated',
      'incident.resolved',
      'maintenance.started',
    ]);
    expect(requests.map((r) => r.headers['x-heliograph-delivery'])).toEqual(EVENTS);
    expect(requests[0]!.path).toBe('/webhook/in?key=querySecretKey4242');
  });

  test('payload: event, page, incident and update in Statuspage shapes, texts and url', () => {
    const [opened, , , started] = json('webhook') as Record<string, Record<string, unknown>>[];
    expect(Object.keys(opened!).sort()).toEqual(
      ['event', 'incident', 'page', 'sent_at', 'texts', 'update', 'url'].sort(),
    );
    expect(opened!['event']).toEqual({
      id: OPENED,
      type: 'incident.opened',
      at: '2026-11-21T08:10:00.000Z',
    });
    expect(opened!['page']).toMatchObject({ name: 'Forno Test status', time_zone: 'Europe/Rome' });
    expect(opened!['incident']).toMatchObject({
      id: 'checkout-errors',
      name: 'Checkout & WhatsApp down',
      impact: 'major',
      shortlink: INCIDENT_URL,
    });
    expect(opened!['update']).toMatchObject({
      id: OPENED,
      status: 'investigating',
      body: 'Orders fail at the payment step.',
      incident_id: 'checkout-errors',
    });
    expect(Object.keys(opened!['texts']!).sort()).toEqual(
      ['bluesky', 'email', 'mastodon', 'sms', 'telegram', 'x'].sort(),
    );
    expect(opened!['url']).toBe(INCIDENT_URL);

    expect(Object.keys(started!)).not.toContain('incident');
    expect(started!['event']).toMatchObject({ id: STARTED, type: 'maintenance.started' });
    expect(started!['maintenance']).toMatchObject({
      id: 'db-upgrade',
      status: 'in_progress',
      scheduled_for: '2026-11-21T08:55:00.000Z',
      scheduled_until: '2026-11-21T09:55:00.000Z',
    });
    expect(started!['update']).toBeNull();
    expect(started!['url']).toBe(MAINTENANCE_URL);
  });
});

test('e-mail: subject and body of the e-mail variant, from and to, logged in with the secret', () => {
  const [opened, , , started] = smtp.mails;
  expect(opened!.from).toBe('status@forno.example');
  expect(opened!.to).toEqual(['team@forno.example', 'owner@forno.example']);
  expect(opened!.headers['from']).toBe('Forno status <status@forno.example>');
  expect(opened!.subject).toBe('[Forno Test status] Investigating: Checkout & WhatsApp down');
  expect(opened!.body).toContain('Orders fail at the payment step.');
  expect(opened!.body).toContain('- E-mail: help@forno.example');
  expect(opened!.body).toContain(INCIDENT_URL);
  expect(opened!.headers['message-id']).toBe(`<${OPENED}@status.forno.example>`);
  expect(opened!.headers['auto-submitted']).toBe('auto-generated');
  expect(started!.subject).toBe('[Forno Test status] Maintenance in progress: Database upgrade');
  expect(started!.body).toContain('Ordering pauses for up to an hour');
  expect(smtp.logins).toEqual(Array(4).fill('notify:smtpPassw0rdSecret'));
});

test('the record: one line per message, time, target and event, tab-separated', () => {
  // The fixture's first-seen lines (`(configured)`, two hours earlier) come before the messages.
  const lines = readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8')
    .split('\n')
    .filter((line) => !line.endsWith(`\t${CONFIGURED}`));
  expect(lines.at(-1)).toBe('');
  expect(lines).toHaveLength(25);
  expect(lines[0]).toMatch(/^2026-11-21T09:00:00Z\t[a-z]+\tcheckout-errors-20261121t0810$/);
});

test('inside GitHub Actions: a log group and a job summary table', () => {
  expect(first.stdout).toMatch(/^::group::Notifications to 6 target\(s\)$/m);
  expect(first.stdout).toMatch(/^::endgroup::$/m);
  expect(summary).toContain('## Heliograph notifications');
  expect(summary).toContain('| target | event | result |');
  expect(summary).toMatch(
    /^\| mastodon \(mastodon\) \| incident\.resolved `checkout-errors-20261121t0850` \| sent \(1 attempt, \d+ ms\) \|$/m,
  );
});

test('no secret appears in the output, the record or the job summary', () => {
  const record = readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8');
  for (const secret of secretStrings(http.url)) {
    for (const [name, text] of Object.entries({ ...first, record, summary })) {
      if (typeof text === 'string') expect(text, `${name} holds ${secret}`).not.toContain(secret);
    }
  }
});

test('a rerun sends nothing and leaves the record as it was', async () => {
  const before = readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8');
  const requests = http.requests.length;
  const mails = smtp.mails.length;
  const again = await send(dir, { now: NOW + 4 * 60_000 });
  expect(again.code).toBe(0);
  expect(again.stdout).toBe('notify: nothing to send\n');
  expect(http.requests.length).toBe(requests);
  expect(smtp.mails.length).toBe(mails);
  expect(readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8')).toBe(before);
});
