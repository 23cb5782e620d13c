/**
 * Notifications that behave on day one: a new target starts with what happens next (it says how
 * many earlier events it skipped and the record says when it was first seen), `--test` sends one
 * message in the site's language, a dry run without the secret shows what would be sent, and a
 * maintenance window is announced when it is published, recalled before it starts, and reported
 * when it starts and ends.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fill, messages } from '../../src/lib/i18n/messages.ts';
import { HOUR, MINUTE } from '../../src/lib/time.ts';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.ts';
import { at, NOW, recorded, removeSite, runNotify, writeSite } from './fixture.ts';

let http: RecordingServer;
let dir = '';

beforeAll(async () => {
  http = await startRecordingServer();
});
afterAll(() => http.close());
beforeEach(() => {
  http.reset();
  return () => removeSite(dir);
});

const SLACK = `notifications:\n  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }\n`;
const slackTexts = (): string[] =>
  http.accepted('slack').map((r) => (JSON.parse(r.body) as { text: string }).text);
const recordText = (): string => readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8');

describe('a target’s first run', () => {
  test('sends nothing from before it was first seen, says how many it skipped, then sends what comes', async () => {
    dir = writeSite(SLACK, { configured: false });
    const first = await runNotify(dir, http.url);
    expect(first.code).toBe(0);
    // Three updates of the last hour and the maintenance that started 5 minutes ago: all earlier.
    expect(first.stdout).toMatch(
      /^slack: first run; 4 earlier events skipped \(it gets what happens from 2026-11-21T09:00:00Z on; recorded as seen\)$/m,
    );
    expect(http.requests).toHaveLength(0);
    expect(recordText()).toBe('2026-11-21T09:00:00Z\tslack\t(configured)\n');

    // A new update ten minutes later reaches it; the old ones never do, and nothing is said again.
    writeFileSync(
      join(dir, 'incidents', 'new-trouble.md'),
      `---\ntitle: New trouble\nimpact: minor\nupdates:\n  - { at: '${at(10 * MINUTE)}', status: investigating, text: 'Looking.' }\n---\n`,
    );
    const second = await runNotify(dir, http.url, { now: NOW + 15 * MINUTE });
    expect(second.stdout).not.toMatch(/first run/);
    expect(slackTexts().map((t) => t.split('\n')[0])).toEqual(['Investigating: New trouble']);
    expect(recorded(dir)).toEqual(['slack new-trouble-20261121t0910']);
  });

  test('a dry run says what it would skip and records nothing', async () => {
    dir = writeSite(SLACK, { configured: false });
    const dry = await runNotify(dir, http.url, { args: ['--dry-run'] });
    expect(dry.stdout).toMatch(
      /^slack: first run; 4 earlier events skipped \(.*a real run would record it as seen\)$/m,
    );
    expect(recorded(dir)).toEqual([]);
    expect(dry.stdout).toMatch(/^notify: nothing to send$/m);
  });

  test('a target that was sending before first-seen lines existed is not new', async () => {
    dir = writeSite(SLACK, { configured: false });
    mkdirSync(join(dir, 'history'));
    writeFileSync(
      join(dir, 'history', 'notifications.tsv'),
      '2026-11-21T08:11:00Z\tslack\tcheckout-errors-20261121t0810\n',
    );
    const run = await runNotify(dir, http.url);
    expect(run.stdout).not.toMatch(/first run/);
    expect(recorded(dir)).toEqual([
      'slack checkout-errors-20261121t0810',
      'slack checkout-errors-20261121t0830',
      'slack checkout-errors-20261121t0850',
      'slack db-upgrade-started',
    ]);
  });
});

describe('--test TARGET', () => {
  test('sends one message in the site’s language to that target only, and records nothing', async () => {
    dir = writeSite(
      `notifications:\n  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }\n  - { kind: discord, webhook: '\${DISCORD_WEBHOOK}' }\n`,
    );
    const config = join(dir, 'heliograph.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('locale: en', 'locale: it'));
    const before = recordText();
    const run = await runNotify(dir, http.url, { args: ['--test', 'discord'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sent discord test test-20261121t090000 \(1 attempt, \d+ ms\)$/m);
    expect(http.requests.map((r) => r.route)).toEqual(['discord']);
    const t = messages('it');
    const content = (JSON.parse(http.requests[0]!.body) as { content: string }).content;
    expect(content).toContain(`${t.notifyTest.title}: Forno Test status`);
    expect(content).toContain(fill(t.notifyTest.text, { site: 'Forno Test status' }));
    expect(content).toContain('https://status.forno.example/status/');
    expect(recordText()).toBe(before);
  });

  test('an unknown target is a usage error naming the known ones; a failed test exits 1', async () => {
    dir = writeSite(SLACK);
    const unknown = await runNotify(dir, http.url, { args: ['--test', 'telegram'] });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--test names no target "telegram" \(known: slack\)/);
    http.down('slack', 401);
    const failed = await runNotify(dir, http.url, { args: ['--test', 'slack'] });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^failed slack test test-\S+ — .*401/m);
    const missing = await runNotify(dir, http.url, { args: ['--test', 'slack'], secrets: false });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^failed slack: not configured — .*SLACK_WEBHOOK not set$/m);
  });
});

test('--dry-run without the secret shows what would be sent and says the secret is missing', async () => {
  dir = writeSite(
    `notifications:\n  - { kind: telegram, token: '\${TELEGRAM_BOT_TOKEN}', chat: '@forno', api_base: '${http.url}/telegram' }\n`,
  );
  const dry = await runNotify(dir, http.url, { args: ['--dry-run'], secrets: false });
  expect(dry.code).toBe(0);
  expect(dry.stdout).not.toMatch(/failed telegram/);
  expect(dry.stdout).toMatch(
    /^telegram: its secret is not set \(.*TELEGRAM_BOT_TOKEN not set\); showing what it would be sent$/m,
  );
  expect(dry.stdout).toMatch(
    /^dry-run telegram incident\.opened checkout-errors-20261121t0810 — due \(dry run: not sent\)\n {4}Investigating: Checkout & WhatsApp down$/m,
  );
  expect(dry.stdout).toMatch(
    /^notify: 0 sent, 0 failed, 4 due \(dry run\), 1 target\(s\) missing a secret$/m,
  );
  expect(http.requests).toHaveLength(0);
});

describe('a maintenance window, from announcement to end', () => {
  const START = NOW + 3 * HOUR;
  const window = (file: string): void =>
    writeFileSync(
      join(file, 'maintenance', 'card-terminals.md'),
      `---\ntitle: Card terminal update\nstart: '${new Date(START).toISOString()}'\nend: '${new Date(START + HOUR).toISOString()}'\ncomponents: [shop]\nupdates:\n  - { at: '${at(0)}', status: scheduled }\n---\n\nPayments may fail for a few minutes.\n`,
    );
  const maintenanceOnly = `notifications:\n  - { kind: slack, webhook: '\${SLACK_WEBHOOK}', events: [maintenance.scheduled, maintenance.reminder, maintenance.started, maintenance.ended] }\n`;
  const headlines = (): string[] => slackTexts().map((t) => t.split('\n')[0]!);

  test('announced when published, recalled an hour before, reported when it starts and ends', async () => {
    dir = writeSite(maintenanceOnly);
    window(dir);
    const t = messages('en');
    for (const offset of [0, HOUR, 2 * HOUR + 5 * MINUTE, 2 * HOUR + 30 * MINUTE]) {
      await runNotify(dir, http.url, { now: NOW + offset });
    }
    // The fixture's other windows: one that started 5 minutes before NOW and ends within the hour,
    // and one in two days whose file gives no announcement time (so it is no news until it starts).
    expect(headlines()).toEqual([
      `${t.maintenanceNow}: Database upgrade`,
      `${t.maintenanceUpcoming}: Card terminal update`,
      `${t.maintenanceEnded}: Database upgrade`,
      `${t.maintenanceSoon}: Card terminal update`,
    ]);
    for (const offset of [3 * HOUR + 5 * MINUTE, 4 * HOUR + 5 * MINUTE]) {
      await runNotify(dir, http.url, { now: NOW + offset });
    }
    expect(headlines().slice(4)).toEqual([
      `${t.maintenanceNow}: Card terminal update`,
      `${t.maintenanceEnded}: Card terminal update`,
    ]);
    expect(slackTexts()[1]).toContain('Payments may fail for a few minutes.');
    expect(slackTexts().at(-1)).toContain(t.clockEvent.completed);
    expect(recorded(dir).filter((l) => l.includes('card-terminals'))).toEqual([
      'slack card-terminals-scheduled',
      'slack card-terminals-reminder',
      'slack card-terminals-started',
      'slack card-terminals-ended',
    ]);
  });

  test('the reminder comes `notify.remind_before_minutes` before the start (0: none)', async () => {
    for (const [setting, due] of [
      ['30', [`${messages('en').maintenanceSoon}: Card terminal update`]],
      ['0', []],
    ] as const) {
      http.reset();
      dir = writeSite(`notify: { remind_before_minutes: ${setting} }\n${maintenanceOnly}`);
      window(dir);
      // Announced at NOW, then runs 45 and 25 minutes before the start.
      await runNotify(dir, http.url, { now: NOW });
      await runNotify(dir, http.url, { now: START - 45 * MINUTE });
      expect(headlines().filter((h) => h.includes('Card') && !h.startsWith('Scheduled'))).toEqual(
        [],
      );
      await runNotify(dir, http.url, { now: START - 25 * MINUTE });
      expect(headlines().filter((h) => h.includes('Card') && !h.startsWith('Scheduled'))).toEqual(
        due,
      );
      removeSite(dir);
    }
  });
});
