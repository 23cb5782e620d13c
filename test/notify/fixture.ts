/**
 * A small site for the notification tests, written into a temporary content folder: one incident
 * opened, updated and resolved within the last hour, one from three days ago, a maintenance window
 * that started five minutes ago and one still to come, and every kind of target pointed at local
 * servers with real-looking secret values. Every target was configured two hours before NOW (the
 * record says so), so that runs at NOW send the last hour's events.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notifyMain } from '../../src/lib/notify/cli.ts';
import type { DeliveryPolicy } from '../../src/lib/notify/delivery.ts';
import { CONFIGURED, recordLine } from '../../src/lib/notify/record.ts';
import { DAY, HOUR, MINUTE } from '../../src/lib/time.ts';

/** "Now" for every run unless a test moves it. */
export const NOW = Date.parse('2026-11-21T09:00:00Z');

/** The secret values, by variable name; `base` is the recording server's URL. */
export function secretEnv(base: string) {
  return {
    SLACK_WEBHOOK: `${base}/slack/services/T0HELIO/B0NOTIFY/xoxSlackSecret9f31`,
    DISCORD_WEBHOOK: `${base}/discord/api/webhooks/1234567/discordSecretTok3n`,
    TELEGRAM_BOT_TOKEN: '7012345678:AAH-telegramSecretToken',
    MASTODON_TOKEN: 'mastoSecretAccessToken77',
    WEBHOOK_SECRET: 'whsec_signingSecret5150',
    WEBHOOK_KEY: 'querySecretKey4242',
    SMTP_PASSWORD: 'smtpPassw0rdSecret',
  };
}

/** Every string that must never appear in an output: the values and their distinctive parts. */
export function secretStrings(base: string): string[] {
  const values = Object.values(secretEnv(base));
  return [...values, 'xoxSlackSecret9f31', 'discordSecretTok3n', 'AAH-telegramSecretToken'];
}

/** The targets of the fixture, one of each kind; `extra` is added to every one of them. */
export function allTargets(base: string, smtpPort: number, extra = ''): string {
  const more = extra ? `, ${extra}` : '';
  return `notifications:
  - { kind: slack, webhook: '\${SLACK_WEBHOOK}'${more} }
  - { kind: discord, webhook: '\${DISCORD_WEBHOOK}'${more} }
  - { kind: telegram, token: '\${TELEGRAM_BOT_TOKEN}', chat: '@fornostatus', api_base: '${base}/telegram'${more} }
  - { kind: mastodon, instance: '${base}/mastodon', token: '\${MASTODON_TOKEN}', visibility: unlisted${more} }
  - { kind: webhook, url: '${base}/webhook/in?key=\${WEBHOOK_KEY}', secret: '\${WEBHOOK_SECRET}'${more} }
  - { kind: email, smtp: { host: 127.0.0.1, port: ${smtpPort}, user: notify, password: '\${SMTP_PASSWORD}' }, from: 'Forno status <status@forno.example>', to: [team@forno.example, owner@forno.example]${more} }
`;
}

/** The ids the fixture's targets take. */
const TARGET_IDS = [
  'slack',
  'discord',
  'telegram',
  'mastodon',
  'webhook',
  'email',
  'team-chat',
  'subscribers',
];

/** When every fixture target was first seen by `notify`. */
export const CONFIGURED_AT = NOW - 2 * HOUR;

/**
 * Writes the site into a new temporary folder; returns its path. With `configured: false` the
 * record is left out, so every target is new.
 */
export function writeSite(notifications: string, options: { configured?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-notify-'));
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Forno Test status
  url: https://status.forno.example
  base: /status/
  locale: en
  time_zone: Europe/Rome
components:
  - { id: shop, name: Online shop }
  - { id: whatsapp, name: WhatsApp, third_party: true }
channels:
  - { id: whatsapp, name: WhatsApp, kind: whatsapp, url: 'https://wa.me/390115550199', component: whatsapp }
  - { id: email, name: E-mail, kind: email, url: 'mailto:help@forno.example', fallback_order: 1 }
${notifications}`,
  );
  mkdirSync(join(dir, 'incidents'));
  mkdirSync(join(dir, 'maintenance'));
  if (options.configured !== false) {
    mkdirSync(join(dir, 'history'));
    writeFileSync(join(dir, 'history', 'notifications.tsv'), configuredLines());
  }
  writeFileSync(
    join(dir, 'incidents', 'checkout-errors.md'),
    `---
title: Checkout & WhatsApp down
impact: major
components: { shop: major_outage, whatsapp: major_outage }
updates:
  - { at: '${at(-50 * MINUTE)}', status: investigating, text: 'Orders fail at the payment step.' }
  - { at: '${at(-30 * MINUTE)}', status: identified, text: 'A certificate expired; renewing it.' }
  - { at: '${at(-10 * MINUTE)}', status: resolved, text: 'Orders go through again.' }
---
`,
  );
  writeFileSync(
    join(dir, 'incidents', 'old-outage.md'),
    `---
title: An outage three days ago
impact: minor
components: { shop: partial_outage }
updates:
  - { at: '${at(-3 * DAY)}', status: investigating, text: 'Slow pages.' }
  - { at: '${at(-3 * DAY + 20 * MINUTE)}', status: resolved, text: 'Fast again.' }
---
`,
  );
  writeFileSync(
    join(dir, 'maintenance', 'db-upgrade.md'),
    `---
title: Database upgrade
start: '${at(-5 * MINUTE)}'
end: '${at(55 * MINUTE)}'
components: [shop]
---

Ordering pauses for up to an hour while the database is upgraded.
`,
  );
  writeFileSync(
    join(dir, 'maintenance', 'later-work.md'),
    `---
title: Later work
start: '${at(2 * DAY)}'
end: '${at(2 * DAY + 60 * MINUTE)}'
components: [shop]
---

Not yet.
`,
  );
  return dir;
}

/** The record's first-seen lines: every target configured at CONFIGURED_AT. */
function configuredLines(): string {
  return TARGET_IDS.map((id) => recordLine(id, CONFIGURED, CONFIGURED_AT)).join('');
}

/** Loses the record of what was sent, keeping when each target was configured. */
export function forgetSent(dir: string): void {
  writeFileSync(join(dir, 'history', 'notifications.tsv'), configuredLines());
}

/** Removes a folder written by writeSite. */
export function removeSite(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The record file's lines as `target event`, first-seen lines left out. */
export function recorded(dir: string): string[] {
  let text = '';
  try {
    text = readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8');
  } catch {
    // No file: nothing was sent.
    return [];
  }
  return text
    .trim()
    .split('\n')
    .filter((l) => l && !l.endsWith(`\t${CONFIGURED}`))
    .map((l) => l.split('\t').slice(1).join(' '));
}

export interface RunOptions {
  /** Added to the environment, which holds the secrets unless `secrets` is false. */
  env?: Record<string, string | undefined>;
  secrets?: boolean;
  now?: number;
  args?: string[];
  policy?: Partial<DeliveryPolicy>;
  /** Extra trusted CAs for SMTP's TLS: the SMTP recorder's. */
  ca?: string[];
}

/** Runs `notify` in process; returns the exit code, what it printed and the waits it asked for. */
export async function runNotify(dir: string, base: string, options: RunOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const code = await notifyMain(['--content', dir, ...(options.args ?? [])], {
    env: { ...(options.secrets === false ? {} : secretEnv(base)), ...options.env },
    now: () => options.now ?? NOW,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0,
    policy: { timeoutMs: 2000, ...options.policy },
    ...(options.ca ? { ca: options.ca } : {}),
  });
  return { code, stdout: out.join(''), stderr: err.join(''), sleeps };
}

/** An ISO time relative to NOW. */
export function at(offset: number): string {
  return new Date(NOW + offset).toISOString();
}
