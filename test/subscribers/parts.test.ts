/**
 * The service's small parts on their own: link tokens, addresses, the per-network limit, language
 * negotiation, the page's form and the build-time count (against local servers that are down,
 * failing, slow or answering nonsense: the page is built without the line, never with an error).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { parseAddress } from '../../src/lib/subscribers/address.ts';
import { followerCount } from '../../src/lib/subscribers/count.ts';
import { signupForm } from '../../src/lib/subscribers/form.ts';
import { preferredLocale } from '../../src/lib/subscribers/http-io.ts';
import { slidingWindow } from '../../src/lib/subscribers/rate-limit.ts';
import { readSettings, serveSchema, smtpOptions } from '../../src/lib/subscribers/settings.ts';
import { signToken, verifyToken } from '../../src/lib/subscribers/tokens.ts';
import { startSmtpRecorder } from '../notify/smtp-recorder.ts';

const SECRET = 'a-secret-of-thirty-two-characters!!';
const NOW = Date.parse('2026-11-21T09:00:00Z');

describe('link tokens', () => {
  test('a token is valid for its purpose until it expires', () => {
    const token = signToken(SECRET, 'confirm', 'abc_DEF-123', NOW + 1000);
    expect(verifyToken(SECRET, 'confirm', token, NOW)).toEqual({
      ok: true,
      subscriber: 'abc_DEF-123',
    });
    expect(verifyToken(SECRET, 'confirm', token, NOW + 2000)).toMatchObject({
      ok: false,
      problem: 'expired',
    });
    expect(verifyToken(SECRET, 'unsubscribe', token, NOW)).toEqual({
      ok: false,
      problem: 'invalid',
    });
    expect(verifyToken('another-secret-of-32-characters!!', 'confirm', token, NOW)).toEqual({
      ok: false,
      problem: 'invalid',
    });
    const unsubscribe = signToken(SECRET, 'unsubscribe', 'abc');
    expect(verifyToken(SECRET, 'unsubscribe', unsubscribe, NOW + 10 * 365 * 86_400_000)).toEqual({
      ok: true,
      subscriber: 'abc',
    });
  });

  test('a changed id, expiry or signature is invalid, and only a genuine token is told it expired', () => {
    const token = signToken(SECRET, 'preferences', 'abc', NOW - 1000);
    const [p, id, exp, mac] = token.split('.') as [string, string, string, string];
    for (const forged of [
      `${p}.abd.${exp}.${mac}`,
      `${p}.${id}.${(parseInt(exp, 36) + 1000).toString(36)}.${mac}`,
      `${p}.${id}.0.${mac}`,
      `${p}.${id}.${exp}.${mac.slice(1)}`,
      `${p}.${id}.${exp}`,
      '',
    ])
      expect(verifyToken(SECRET, 'preferences', forged, NOW), forged).toEqual({
        ok: false,
        problem: 'invalid',
      });
  });
});

test('addresses: the HTML standard, SMTP lengths, lower case, no line break', () => {
  expect(parseAddress('  Ada.Lovelace+status@Example.CO.uk ')).toEqual({
    ok: true,
    address: 'ada.lovelace+status@example.co.uk',
  });
  expect(parseAddress('a@b.c\r\nBcc: x@y.z')).toEqual({ ok: false, problem: 'line break' });
  expect(parseAddress('')).toEqual({ ok: false, problem: 'empty' });
  expect(parseAddress(`${'a'.repeat(65)}@example.com`)).toEqual({ ok: false, problem: 'too long' });
  for (const bad of ['a@b', 'a@-b.com', 'a@b..com', '"a b"@example.com', 'a@exa_mple.com'])
    expect(parseAddress(bad), bad).toEqual({ ok: false, problem: 'not an e-mail address' });
});

test('the per-network limit allows N in a window, then says when to come back; memory is bounded', () => {
  const limiter = slidingWindow({ limit: 2, windowMs: 1000, capacity: 2 });
  expect(limiter.take('a', 0)).toBeUndefined();
  expect(limiter.take('a', 100)).toBeUndefined();
  expect(limiter.take('a', 200)).toBe(1000);
  expect(limiter.take('a', 1001)).toBeUndefined();
  // Two other clients push the oldest one out: it starts afresh.
  limiter.take('a', 1002);
  limiter.take('b', 1003);
  limiter.take('c', 1004);
  expect(limiter.take('a', 1005)).toBeUndefined();
});

test('the language of e-mails: the first one of Accept-Language that we write, by weight', () => {
  expect(preferredLocale('de-DE,de;q=0.9,it;q=0.8,en;q=0.7', 'en')).toBe('it');
  expect(preferredLocale('en;q=0.1, fr-CA', 'it')).toBe('fr');
  expect(preferredLocale('de, es', 'it')).toBe('it');
  expect(preferredLocale('fr;q=0, en', 'it')).toBe('en');
  expect(preferredLocale(undefined, 'fr')).toBe('fr');
});

describe('the form on the page', () => {
  const config = (extra: string, components = 3) =>
    parseConfig(
      `site: { title: T, url: 'https://status.example.com', time_zone: UTC }
components:
${Array.from({ length: components }, (_, i) => `  - { id: c${i}, name: C${i} }`).join('\n')}
${extra}`,
      'heliograph.yaml',
    );

  test('none without subscriptions.url', () => {
    expect(signupForm(config(''), { back: 'https://status.example.com/' })).toBeUndefined();
  });

  test('home: every component; a component page: that one; many components: no choice', () => {
    const withService = "subscriptions: { url: 'https://mail.example.com/status/' }";
    expect(signupForm(config(withService), { back: 'https://status.example.com/' })).toEqual({
      action: 'https://mail.example.com/status/subscribe',
      back: 'https://status.example.com/',
      choices: [
        { id: 'c0', name: 'C0' },
        { id: 'c1', name: 'C1' },
        { id: 'c2', name: 'C2' },
      ],
      selected: undefined,
    });
    expect(signupForm(config(withService), { back: 'x', component: 'c1' })).toMatchObject({
      choices: [{ id: 'c1', name: 'C1' }],
      selected: 'c1',
    });
    expect(signupForm(config(withService, 13), { back: 'x' })?.choices).toEqual([]);
  });

  test('a subscribers target without a url needs subscriptions.url', () => {
    expect(() => config("notifications: [{ kind: subscribers, secret: '${S}' }]")).toThrow(
      /notifications\[0\]\.kind: a subscribers target needs a `url`, or `subscriptions.url` set/,
    );
  });
});

describe('the follower count at build time', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok/count.json') res.end('{"subscribers":42}');
      else if (req.url === '/garbage/count.json') res.end('<html>');
      else if (req.url === '/negative/count.json') res.end('{"subscribers":-1}');
      else if (req.url === '/hang/count.json')
        return; // never answers
      else res.writeHead(503).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test('read from count.json', async () => {
    const warnings: string[] = [];
    const n = await followerCount(`${base}/ok/`, {
      fetch,
      timeoutMs: 2000,
      warn: (w) => warnings.push(w),
    });
    expect(n).toBe(42);
    expect(warnings).toEqual([]);
  });

  test('down, failing, nonsense or too slow: no count, a warning, never a throw', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(`http://127.0.0.1:${port}/`));
      });
    });
    for (const [url, reason] of [
      [closed, /fetch failed/],
      [`${base}/fail/`, /answered 503/],
      [`${base}/garbage/`, /Unexpected token|not valid JSON/],
      [`${base}/negative/`, /not a count/],
      [`${base}/hang/`, /aborted due to timeout|timeout/i],
    ] as const) {
      const warnings: string[] = [];
      const n = await followerCount(url, { fetch, timeoutMs: 300, warn: (w) => warnings.push(w) });
      expect(n, url).toBeUndefined();
      expect(warnings, url).toHaveLength(1);
      expect(warnings[0]).toMatch(reason);
      expect(warnings[0]).toMatch(/^\[heliograph\] no subscriber count on the page: /);
    }
  });
});

describe('SMTP without TLS', () => {
  const serve = (smtp: string): Record<string, string> => ({
    SUBSCRIBERS_LINK_SECRET: SECRET,
    SUBSCRIBERS_EVENT_SECRET: 'an-event-secret-1234',
    SUBSCRIBERS_FROM: 'status@example.com',
    SMTP_URL: smtp,
  });

  test('a plain smtp:// URL requires STARTTLS; only a relay without credentials may go without', () => {
    const options = { connections: 1, timeoutMs: 1000 };
    expect(smtpOptions('smtp://u:p@mail.example.com:587', options).transport.requireTLS).toBe(true);
    expect(smtpOptions('smtps://u:p@mail.example.com', options).transport.requireTLS).toBe(false);
    const relay = 'smtp://127.0.0.1:25?local_relay_without_tls=true';
    expect(smtpOptions(relay, options).transport.requireTLS).toBe(false);
    expect(readSettings(serveSchema, serve(relay)).SMTP_URL).toBe(relay);
    expect(() =>
      readSettings(
        serveSchema,
        serve('smtp://u:Secret1@127.0.0.1:25?local_relay_without_tls=true'),
      ),
    ).toThrow(/credentials never travel without TLS/);
  });

  test('a password is never sent to a server that offers no STARTTLS', async () => {
    const smtp = await startSmtpRecorder({ plain: true });
    try {
      const { transport } = smtpOptions(`smtp://user:Secret1@127.0.0.1:${smtp.port}`, {
        connections: 1,
        timeoutMs: 5000,
      });
      const mailer = createTransport(transport);
      await expect(
        mailer.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' }),
      ).rejects.toMatchObject({ code: 'ETLS' });
      mailer.close();
      expect(smtp.logins).toEqual([]);
      expect(smtp.mails).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});
