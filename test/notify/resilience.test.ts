/**
 * Targets that fail: retries with backoff on 5xx, Retry-After on 429, a target that stays down or
 * hangs is reported while the others still receive everything, a final refusal costs one message,
 * SMTP replies, an unreachable SMTP server and one that offers no TLS — and the command exits 0 through all of it, with no
 * secret in what it prints.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.ts';
import {
  allTargets,
  recorded,
  removeSite,
  runNotify,
  type RunOptions,
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

beforeAll(async () => {
  [http, smtp] = await Promise.all([startRecordingServer(), startSmtpRecorder()]);
});
afterAll(async () => {
  await Promise.all([http.close(), smtp.close()]);
});
beforeEach(() => {
  http.reset();
  smtp.mails.length = 0;
  dir = writeSite(allTargets(http.url, smtp.port));
  return () => removeSite(dir);
});

const OPENED = 'checkout-errors-20261121t0810';
const count = (target: string): number =>
  recorded(dir).filter((l) => l.startsWith(`${target} `)).length;

/** Nothing the run printed holds a secret. */
function expectNoSecrets(run: { stdout: string; stderr: string }): void {
  for (const secret of secretStrings(http.url)) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

test('a 5xx is retried with backoff, then the message goes through', async () => {
  http.fail('slack', 2, 500);
  const run = await send(dir);
  expect(run.code).toBe(0);
  expect(http.to('slack').map((r) => r.status)).toEqual([500, 500, 200, 200, 200, 200]);
  expect(run.stdout).toMatch(
    new RegExp(`^sent slack incident\\.opened ${OPENED} \\(3 attempts, \\d+ ms\\)$`, 'm'),
  );
  // 1 s, then 2 s (no jitter with random() = 0).
  expect(run.sleeps).toEqual([1000, 2000]);
  expect(count('slack')).toBe(4);
});

test('a 429 waits as long as Retry-After says, once', async () => {
  http.rateLimit('discord', '7');
  const run = await send(dir);
  expect(http.to('discord').map((r) => r.status)).toEqual([429, 200, 200, 200, 200]);
  expect(run.sleeps).toEqual([7000]);
  expect(run.stdout).toMatch(/^sent discord incident\.opened \S+ \(2 attempts, \d+ ms\)$/m);
  expect(count('discord')).toBe(4);
});

test('a Retry-After longer than a run waits ends the target’s turn without waiting', async () => {
  http.rateLimit('mastodon', '3600');
  const run = await send(dir);
  expect(run.code).toBe(0);
  expect(run.sleeps).toEqual([]);
  expect(http.to('mastodon')).toHaveLength(1);
  expect(run.stdout).toMatch(
    /^failed mastodon incident\.opened \S+ — .*429.*asked to wait 3600 s/m,
  );
  expect(run.stdout.match(/^postponed mastodon /gm)).toHaveLength(3);
  expect(count('mastodon')).toBe(0);
});

test('a target that stays down is reported, the others still receive, the next run catches up', async () => {
  http.down('slack', 503);
  const run = await send(dir, { env: { GITHUB_ACTIONS: 'true' } });
  expect(run.code).toBe(0);
  // Four attempts for the first message; the other three wait for the next run.
  expect(http.to('slack')).toHaveLength(4);
  expect(run.stdout).toMatch(
    new RegExp(
      `^failed slack incident\\.opened ${OPENED} — \\[POST\\] "http://127\\.0\\.0\\.1:\\d+/<hidden>": 503 Service Unavailable \\(4 attempts\\); the next run tries again$`,
      'm',
    ),
  );
  expect(run.stdout.match(/^postponed slack /gm)).toHaveLength(3);
  expect(run.stdout).toMatch(
    /^::warning title=Notification not sent::failed slack incident\.opened/m,
  );
  expect(run.stdout).toMatch(/^notify: 20 sent, 1 failed, 3 postponed to the next run$/m);
  for (const route of ['discord', 'telegram', 'mastodon', 'webhook']) {
    expect(http.accepted(route), route).toHaveLength(4);
  }
  expect(smtp.mails).toHaveLength(4);
  expect(count('slack')).toBe(0);
  expectNoSecrets(run);

  http.reset();
  const next = await send(dir, { now: Date.parse('2026-11-21T09:05:00Z') });
  expect(next.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
  expect(http.requests.map((r) => r.route)).toEqual(Array(4).fill('slack'));
  expect(count('slack')).toBe(4);
});

test('a hung target is cut at the deadline and not retried; the others are not held up', async () => {
  http.hang('discord');
  // Had the hung request not been cut, this run would never end (and Vitest's timeout would fail
  // the test): no wall-clock bound is needed, nor would one hold on every machine.
  const run = await send(dir, { policy: { timeoutMs: 300 } });
  expect(run.code).toBe(0);
  expect(http.to('discord')).toHaveLength(1);
  expect(run.stdout).toMatch(
    /^failed discord incident\.opened \S+ — \[POST\] "http:\/\/127\.0\.0\.1:\d+\/<hidden>": no answer within 0\.3 s \(1 attempt\)/m,
  );
  expect(run.stdout.match(/^postponed discord /gm)).toHaveLength(3);
  expect(http.accepted('slack')).toHaveLength(4);
  expect(count('discord')).toBe(0);
  expectNoSecrets(run);
});

test('a final refusal (401) costs that message only, once', async () => {
  http.fail('telegram', 1, 401);
  const run = await send(dir);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    /^failed telegram incident\.opened \S+ — .*401 Unauthorized.* \(1 attempt\)/m,
  );
  expect(run.stdout).not.toMatch(/^postponed telegram/m);
  expect(count('telegram')).toBe(3);
  expectNoSecrets(run);
});

test('a target whose secret is not set is reported; the others are sent; exit 0', async () => {
  const run = await send(dir, { env: { MASTODON_TOKEN: '' } });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    /^failed mastodon: not configured — .*heliograph\.yaml notifications\[3\] \(mastodon\): environment variable MASTODON_TOKEN not set$/m,
  );
  expect(http.to('mastodon')).toHaveLength(0);
  expect(http.accepted('slack')).toHaveLength(4);
  expect(run.stdout).toMatch(/^notify: 20 sent, 0 failed, 1 target\(s\) not configured$/m);
});

test('e-mail: a temporary SMTP refusal (451) is retried, a final one (550) is not', async () => {
  smtp.refuse(1, 451);
  const run = await send(dir, { args: ['--only', 'email'] });
  expect(run.stdout).toMatch(/^sent email incident\.opened \S+ \(2 attempts, \d+ ms\)$/m);
  expect(smtp.mails).toHaveLength(4);

  const other = writeSite(allTargets(http.url, smtp.port));
  try {
    smtp.refuse(1, 550);
    const refused = await send(other, { args: ['--only', 'email'] });
    expect(refused.stdout).toMatch(
      /^failed email incident\.opened \S+ — \[SMTP\] 127\.0\.0\.1:\d+: .*550.* \(1 attempt\)/m,
    );
    expect(refused.stdout).toMatch(/^notify: 3 sent, 1 failed$/m);
    expectNoSecrets(refused);
  } finally {
    removeSite(other);
  }
});

test('e-mail: an SMTP server that is not there is retried, then reported', async () => {
  const port = await freePort();
  const other = writeSite(allTargets(http.url, port));
  try {
    const run = await send(other, { args: ['--only', 'email'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^failed email incident\.opened \S+ — \[SMTP\] 127\.0\.0\.1:\d+: .*ECONNREFUSED.* \(4 attempts\)/m,
    );
    expect(run.stdout.match(/^postponed email /gm)).toHaveLength(3);
    expectNoSecrets(run);
  } finally {
    removeSite(other);
  }
});

describe('e-mail and TLS', () => {
  let plain: SmtpRecorder;
  beforeAll(async () => {
    plain = await startSmtpRecorder({ plain: true });
  });
  afterAll(() => plain.close());

  test('a server that offers no TLS gets neither the password nor the mail', async () => {
    const other = writeSite(allTargets(http.url, plain.port));
    try {
      const run = await send(other, { args: ['--only', 'email'] });
      expect(run.code).toBe(0);
      expect(plain.logins).toEqual([]);
      expect(plain.mails).toEqual([]);
      expect(run.stdout).toMatch(
        /^failed email incident\.opened \S+ — \[SMTP\] 127\.0\.0\.1:\d+: \d{3} TLS is required and could not be started \(1 attempt\)/m,
      );
      expectNoSecrets(run);
    } finally {
      removeSite(other);
    }
  });

  test('with STARTTLS the login and the mail travel encrypted', async () => {
    const run = await send(dir, { args: ['--only', 'email'] });
    expect(run.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
    expect(smtp.logins.at(-1)).toBe('notify:smtpPassw0rdSecret');
    expect(smtp.mails.map((m) => m.secure)).toEqual([true, true, true, true]);
  });

  test('a local relay without TLS, named so, takes the mail in plain text', async () => {
    const other = writeSite(`notifications:
  - { kind: email, smtp: { host: 127.0.0.1, port: ${plain.port}, local_relay_without_tls: true }, from: status@forno.example, to: [team@forno.example] }
`);
    try {
      const run = await send(other);
      expect(run.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
      expect(plain.mails.map((m) => m.secure)).toEqual([false, false, false, false]);
      expect(plain.logins).toEqual([]);
    } finally {
      removeSite(other);
    }
  });
});

/** A port on 127.0.0.1 where nothing listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
