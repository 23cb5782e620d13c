/**
 * The command's edges: the `notifications` schema and its messages, exit codes (1 only for an
 * invalid configuration, 3 for an unwritable record), secrets from HELIOGRAPH_SECRETS, a damaged
 * record line, and the small pure helpers (Retry-After, shown URLs, Slack escaping, Discord's
 * limit, the signature).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { parseRetryAfter } from '../../src/lib/notify/delivery.ts';
import { shownUrl } from '../../src/lib/notify/http.ts';
import type { NotificationMessage } from '../../src/lib/notify/message.ts';
import { signBody, verifySignature } from '../../src/lib/notify/signature.ts';
import { discordRequest } from '../../src/lib/notify/targets/discord.ts';
import { slackEscape } from '../../src/lib/notify/targets/slack.ts';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.ts';
import { NOW, recorded, removeSite, runNotify, secretEnv, writeSite } from './fixture.ts';

let http: RecordingServer;
let dir: string;

beforeAll(async () => {
  http = await startRecordingServer();
});
afterAll(() => http.close());
beforeEach(() => {
  http.reset();
  dir = writeSite(`notifications:\n  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }\n`);
  return () => removeSite(dir);
});

const SITE = `site: { title: T, url: 'https://status.example.com', time_zone: Europe/Rome }
components: [ { id: web, name: Web } ]
`;
/** The problems parseConfig reports for a `notifications` section, one per line. */
function problems(notifications: string): string[] {
  try {
    parseConfig(`${SITE}notifications:\n${notifications}`, 'heliograph.yaml');
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
  return [];
}

describe('the notifications section', () => {
  test('each kind with its options parses; ids default to the kind', () => {
    const config = parseConfig(
      `${SITE}notifications:
  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }
  - { kind: discord, id: team, webhook: 'https://discord.com/api/webhooks/1/\${DISCORD_TOKEN}' }
  - { kind: telegram, token: '\${TELEGRAM_BOT_TOKEN}', chat: -1001234567 }
  - { kind: mastodon, instance: 'https://mastodon.social', token: '\${MASTODON_TOKEN}' }
  - { kind: webhook, url: 'https://hooks.example.com/heliograph', secret: '\${WEBHOOK_SECRET}', events: [incident.opened] }
  - { kind: email, smtp: { host: smtp.example.com, user: me, password: '\${SMTP_PASSWORD}' }, from: a@example.com, to: [b@example.com] }
`,
      'heliograph.yaml',
    );
    expect(config.notifications.map((t) => [t.kind, t.id ?? '(kind)', t.horizon_hours])).toEqual([
      ['slack', '(kind)', 24],
      ['discord', 'team', 24],
      ['telegram', '(kind)', 24],
      ['mastodon', '(kind)', 24],
      ['webhook', '(kind)', 24],
      ['email', '(kind)', 24],
    ]);
    expect(config.notifications[2]).toMatchObject({
      chat: '-1001234567',
      api_base: 'https://api.telegram.org',
    });
    expect(config.notifications[5]).toMatchObject({ smtp: { port: 587 } });
  });

  test('mistakes are reported with line, column, field and a reason', () => {
    expect(
      problems(`  - { kind: slak, webhook: x }
  - { kind: slack, webhook: 'https://hooks.slack.com/services/T/B/abc' }
  - { kind: telegram, token: '\${T}', chat: '@c', colour: red }
  - { kind: webhook, url: 'https://x.example/h', secret: '\${S}', events: [incident.open] }
  - { kind: email, smtp: { host: h }, from: nobody, to: [] }
`),
    ).toMatchInlineSnapshot(`
      [
        "heliograph.yaml:4:13 notifications[0].kind: Invalid discriminator value. Expected 'slack' | 'discord' | 'telegram' | 'mastodon' | 'webhook' | 'email' | 'subscribers' (did you mean "slack"?)",
        "heliograph.yaml:5:29 notifications[1].webhook: write the webhook URL as \${NAME} and set NAME as a repository secret: a value written here would be committed with this file",
        "heliograph.yaml:6:50 notifications[2].colour: unknown field "colour" (known fields here: kind, id, events, horizon_hours, token, chat, api_base)",
        "heliograph.yaml:7:75 notifications[3].events[0]: Invalid option: expected one of "incident.opened"|"incident.updated"|"incident.resolved"|"maintenance.scheduled"|"maintenance.reminder"|"maintenance.started"|"maintenance.ended" (did you mean "incident.opened"?)",
        "heliograph.yaml:8:45 notifications[4].from: an e-mail address such as status@example.com",
        "heliograph.yaml:8:57 notifications[4].to: list at least one recipient",
      ]
    `);
  });
});

test('a relay without TLS takes no credentials, and is not also secure', () => {
  expect(
    problems(`  - { kind: email, smtp: { host: 127.0.0.1, port: 25, local_relay_without_tls: true }, from: a@example.com, to: [b@example.com] }
  - { kind: email, id: b, smtp: { host: relay, local_relay_without_tls: true, user: me, password: '\${P}' }, from: a@example.com, to: [b@example.com] }
  - { kind: email, id: c, smtp: { host: relay, local_relay_without_tls: true, secure: true }, from: a@example.com, to: [b@example.com] }
`),
  ).toEqual([
    'heliograph.yaml:5:85 notifications[1].smtp.user: a relay without TLS takes no user: it would cross the network in plain text (log in over TLS instead: remove local_relay_without_tls)',
    'heliograph.yaml:5:99 notifications[1].smtp.password: a relay without TLS takes no password: it would cross the network in plain text (log in over TLS instead: remove local_relay_without_tls)',
    'heliograph.yaml:6:87 notifications[2].smtp.secure: secure (TLS) and local_relay_without_tls contradict each other: keep one',
  ]);
});

test('two targets with one id are reported (the id defaults to the kind)', () => {
  expect(
    problems(`  - { kind: mastodon, instance: 'https://m.example', token: '\${M}' }
  - { kind: mastodon, instance: 'https://n.example', token: '\${N}' }
  - { kind: slack, id: team, webhook: '\${A}' }
  - { kind: discord, id: team, webhook: '\${B}' }
`),
  ).toEqual([
    'heliograph.yaml:5:13 notifications[1].kind: duplicate target id "mastodon" (the id defaults to the kind): give each target of this kind an `id`',
    'heliograph.yaml:7:26 notifications[3].id: duplicate target id "team"',
  ]);
});

describe('exit codes', () => {
  test('an invalid configuration exits 1 and sends nothing', async () => {
    writeFileSync(
      join(dir, 'heliograph.yaml'),
      readFileSync(join(dir, 'heliograph.yaml'), 'utf8').replace(
        'kind: slack',
        'kind: slack, colour: red',
      ),
    );
    const run = await runNotify(dir, http.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notifications\[0\]\.colour: unknown field "colour"/);
    expect(http.requests).toHaveLength(0);
  });

  test('an invalid incident file exits 1, naming the file and field', async () => {
    writeFileSync(join(dir, 'incidents', 'broken.md'), '---\ntitle: Broken\nimpact: huge\n---\n');
    const run = await runNotify(dir, http.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.md:3:9 impact: /);
    expect(http.requests).toHaveLength(0);
  });

  test('bad usage exits 2; no targets exits 0 at once', async () => {
    expect((await runNotify(dir, http.url, { args: ['--bogus'] })).code).toBe(2);
    expect((await runNotify(dir, http.url, { args: ['--only', 'nope'] })).code).toBe(2);
    writeFileSync(
      join(dir, 'heliograph.yaml'),
      readFileSync(join(dir, 'heliograph.yaml'), 'utf8').replace(/notifications:[\s\S]*$/, ''),
    );
    const run = await runNotify(dir, http.url);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/no targets/) as string });
  });

  test('a record that cannot be written exits 3, after saying what failed', async () => {
    // A file where the history folder should be: the record cannot be created.
    rmSync(join(dir, 'history'), { recursive: true, force: true });
    writeFileSync(join(dir, 'history'), 'not a folder');
    const run = await runNotify(dir, http.url);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^notify: cannot (read|write) .*notifications\.tsv/m);
  });
});

describe('secrets', () => {
  test('come from HELIOGRAPH_SECRETS, as the workflows pass them, and are scrubbed', async () => {
    http.down('slack', 500);
    const run = await runNotify(dir, http.url, {
      secrets: false,
      env: {
        HELIOGRAPH_SECRETS: JSON.stringify({ ...secretEnv(http.url), github_token: 'ghs_x' }),
      },
      policy: { attempts: 1 },
    });
    expect(run.code).toBe(0);
    expect(http.to('slack')[0]!.path).toBe('/slack/services/T0HELIO/B0NOTIFY/xoxSlackSecret9f31');
    expect(run.stdout).toMatch(/^failed slack incident\.opened/m);
    expect(run.stdout).not.toContain('xoxSlackSecret9f31');
  });

  test('a HELIOGRAPH_SECRETS that is not JSON exits 1 without showing it', async () => {
    const run = await runNotify(dir, http.url, {
      secrets: false,
      env: { HELIOGRAPH_SECRETS: '{"SLACK_WEBHOOK": "xoxSlackSecret9f31"' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HELIOGRAPH_SECRETS is not a JSON object/);
    expect(run.stderr).not.toContain('xoxSlackSecret9f31');
  });
});

test('a damaged record line is skipped with a warning; the rest still counts', async () => {
  mkdirSync(join(dir, 'history'), { recursive: true });
  writeFileSync(
    join(dir, 'history', 'notifications.tsv'),
    '2026-11-21T08:11:00Z\tslack\tcheckout-errors-20261121t0810\nhalf a li',
  );
  const run = await runNotify(dir, http.url);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/notifications\.tsv:2: not "time<TAB>target<TAB>event"; skipped/);
  // The event recorded already is not sent again; the cut line is closed before the next one.
  expect(http.to('slack')).toHaveLength(3);
  const lines = readFileSync(join(dir, 'history', 'notifications.tsv'), 'utf8').split('\n');
  expect(lines[1]).toBe('half a li');
  expect(recorded(dir)).toHaveLength(5);
});

describe('helpers', () => {
  test('Retry-After: seconds or an HTTP date; nonsense is ignored', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  test('errors show only the origin of a URL: paths and queries may be credentials', () => {
    expect(shownUrl('https://hooks.slack.com/services/T/B/secret?x=1')).toBe(
      'https://hooks.slack.com/<hidden>',
    );
    expect(shownUrl('https://example.com/?key=secret')).toBe('https://example.com/<hidden>');
    expect(shownUrl('https://example.com/')).toBe('https://example.com/');
    expect(shownUrl('xoxSecret')).toBe('(invalid URL)');
  });

  test('Slack control characters are escaped', () => {
    expect(slackEscape('<!channel> A & B > C')).toBe('&lt;!channel&gt; A &amp; B &gt; C');
  });

  test('Discord takes the Mastodon text when the Telegram one is over 2,000 characters', () => {
    const message = (telegram: string) =>
      ({ texts: { telegram, mastodon: 'short version' } }) as unknown as NotificationMessage;
    const target = { kind: 'discord', webhook: 'https://d.example/x', horizon_hours: 24 } as const;
    const content = (telegram: string) =>
      (JSON.parse(discordRequest(target, message(telegram)).body) as { content: string }).content;
    expect(content('é'.repeat(2000))).toBe('é'.repeat(2000));
    expect(content('é'.repeat(2001))).toBe('short version');
  });

  test('the signature verifies the exact body only', () => {
    const header = signBody('{"a":1}', 'key');
    expect(verifySignature('{"a":1}', header, 'key')).toBe(true);
    expect(verifySignature('{"a":2}', header, 'key')).toBe(false);
    expect(verifySignature('{"a":1}', header, 'other')).toBe(false);
    expect(verifySignature('{"a":1}', 'sha256=00', 'key')).toBe(false);
  });
});
