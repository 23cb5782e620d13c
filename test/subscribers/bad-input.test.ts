/**
 * Bad input, against each database: malformed addresses, a line break (header injection) in any
 * field, a filled honeypot, an unknown component, an expired, forged or misused link, an unsigned,
 * forged, replayed or malformed event, a 1 MB body. Each is refused with a clear status and message,
 * and every table is the same afterwards, row for row.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/lib/notify/signature.ts';
import type { RunningService } from '../../src/lib/subscribers/service.ts';
import { signToken } from '../../src/lib/subscribers/tokens.ts';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/smtp-recorder.ts';
import {
  eventBody,
  freshDatabase,
  postEvent,
  postForm,
  SECRETS,
  snapshot,
  startTestService,
  storeVariants,
  until,
  writeContent,
  type TestDatabase,
} from './support.ts';

const MB = 'x'.repeat(1024 * 1024);
/** The service's clock, pinned: signed times and link expiries are exact. */
const clock = { now: Date.parse('2026-11-21T09:00:00Z') };

describe.each(await storeVariants())('$name', ({ kind, url, skip }) => {
  let db: TestDatabase;
  let smtp: SmtpRecorder;
  let service: RunningService;
  let before: Record<string, unknown[]>;
  let subscriber: string;

  beforeAll(async () => {
    if (skip) return;
    db = await freshDatabase(kind, url);
    smtp = await startSmtpRecorder();
    service = await startTestService({
      db,
      smtpPort: smtp.port,
      content: writeContent(),
      clock,
      // Every request here comes from 127.0.0.1: the per-network limit must not be what refuses.
      policy: { signupsPerClient: 1000 },
    });
    // One subscriber waiting for confirmation, so that links name someone real.
    const res = await postForm(service, { email: 'real@example.com', website: '' });
    expect(res.status).toBe(200);
    await until(() => smtp.mails.length === 1, 'the confirmation e-mail');
    // The SMTP server has the e-mail a moment before the service marks its delivery sent: the
    // snapshot is taken once the database is at rest.
    await until(
      async () => (await service.store.deliveryCounts()).sent === 1,
      'the confirmation marked sent',
    );
    subscriber = (await service.store.all())[0]!.id;
    before = await snapshot(db);
  });
  afterAll(async () => {
    if (skip) return;
    await service.stop();
    await smtp.close();
    await db.drop();
  });

  const expectUnchanged = async (): Promise<void> => {
    expect(await snapshot(db)).toEqual(before);
    expect(smtp.mails).toHaveLength(1);
  };

  test.skipIf(skip)('malformed addresses are refused (400), nothing stored', async () => {
    for (const email of [
      '',
      'plainaddress',
      'no-domain@',
      '@no-local.example',
      'two@@example.com',
      'a b@example.com',
      '<ada@example.com>',
      'ada@example.com, bob@example.com',
      'single@label',
      `${'x'.repeat(65)}@example.com`,
      `ada@${'d'.repeat(250)}.com`,
    ]) {
      const res = await postForm(service, { email, website: '' });
      expect(res.status, email).toBe(400);
      expect(await res.text(), email).toContain(
        'Enter one e-mail address, such as name@example.com.',
      );
    }
    await expectUnchanged();
  });

  test.skipIf(skip)('a line break in any field is refused (400): no header injection', async () => {
    const fields = [
      { email: 'ada@example.com\r\nBcc: everyone@example.com', website: '' },
      { email: 'ada@example.com\nBcc: everyone@example.com', website: '' },
      { email: 'ada@example.com', component: 'shop\r\nX-Injected: 1', website: '' },
      {
        email: 'ada@example.com',
        back: 'https://status.forno.example/\r\nSet-Cookie: x=1',
        website: '',
      },
      { email: 'ada@example.com', website: '\r\n' },
      { email: 'ada@example.com', other: 'a\u0000b', website: '' },
    ];
    for (const form of fields) {
      const res = await postForm(service, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(await res.text()).toContain('The form held a line break where none belongs.');
    }
    await expectUnchanged();
  });

  test.skipIf(skip)(
    'a filled honeypot, an unknown component, a non-form body are refused',
    async () => {
      const honeypot = await postForm(service, {
        email: 'bot@example.com',
        website: 'https://spam.example',
      });
      expect(honeypot.status).toBe(400);
      expect(await honeypot.text()).toContain(
        'The field “Leave this field empty” must stay empty.',
      );
      const component = await postForm(service, {
        email: 'ada@example.com',
        component: 'nope',
        website: '',
      });
      expect(component.status).toBe(400);
      expect(await component.text()).toContain('That component is not on this status page.');
      const json = await fetch(new URL('subscribe', service.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":"ada@example.com"}',
      });
      expect(json.status).toBe(415);
      await expectUnchanged();
    },
  );

  test.skipIf(skip)(
    'an expired, forged or misused link is refused, and confirms nothing',
    async () => {
      const now = clock.now;
      const expired = signToken(SECRETS.SUBSCRIBERS_LINK_SECRET, 'confirm', subscriber, now - 1000);
      const valid = signToken(
        SECRETS.SUBSCRIBERS_LINK_SECRET,
        'confirm',
        subscriber,
        now + 3_600_000,
      );
      const forged = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
      const otherKey = signToken(
        'another-secret-of-enough-length-0123456789',
        'confirm',
        subscriber,
        now + 3_600_000,
      );
      const longer = signToken(
        SECRETS.SUBSCRIBERS_LINK_SECRET,
        'confirm',
        subscriber,
        now + 3_600_000,
      ).replace(
        /\.([0-9a-z]+)\./,
        (_, e: string) => `.${(parseInt(e, 36) + 86_400).toString(36)}.`,
      );
      const unsubscribeToken = signToken(
        SECRETS.SUBSCRIBERS_LINK_SECRET,
        'unsubscribe',
        subscriber,
      );
      const cases: [string, string, number, string][] = [
        ['confirm', expired, 410, 'This link has expired.'],
        ['confirm', forged, 403, 'This link is not valid'],
        ['confirm', otherKey, 403, 'This link is not valid'],
        ['confirm', longer, 403, 'This link is not valid'],
        ['confirm', unsubscribeToken, 403, 'This link is not valid'],
        ['confirm', '', 403, 'This link is not valid'],
        ['unsubscribe', valid, 403, 'This link is not valid'],
        ['preferences', unsubscribeToken, 403, 'This link is not valid'],
      ];
      for (const [path, token, status, text] of cases) {
        for (const method of ['GET', 'POST']) {
          const res = await fetch(
            new URL(`${path}?token=${encodeURIComponent(token)}`, service.url),
            { method },
          );
          expect(res.status, `${method} ${path} ${token}`).toBe(status);
          expect(await res.text()).toContain(text);
        }
      }
      await expectUnchanged();
    },
  );

  test.skipIf(skip)(
    'an unsigned, forged, replayed or malformed event is refused (401/400)',
    async () => {
      const now = clock.now;
      const event = eventBody('refused-20261121t0810', [], now);
      const unsigned = await postEvent(service, event, { now, sign: false });
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toEqual({
        error: 'unsigned event: no x-heliograph-signature header',
      });

      const wrongKey = await postEvent(service, event, { now, secret: 'not-the-shared-secret' });
      expect(wrongKey.status).toBe(401);
      expect((await wrongKey.json()) as unknown).toMatchObject({
        error: expect.stringMatching(/does not match the body/) as unknown,
      });

      // A genuine request recorded ten minutes ago and sent again.
      const old = now - 10 * 60_000;
      const replayed = await postEvent(service, eventBody('refused-20261121t0810', [], old), {
        now: old,
      });
      expect(replayed.status).toBe(401);
      expect(((await replayed.json()) as { error: string }).error).toMatch(
        /is 600 s from this server's clock, outside the 300 s window/,
      );

      // The body changed after signing.
      const text = JSON.stringify(event);
      const tampered = await fetch(new URL('events', service.url), {
        method: 'POST',
        headers: {
          [TIMESTAMP_HEADER]: String(Math.floor(now / 1000)),
          [SIGNATURE_HEADER]: signBody(text, SECRETS.SUBSCRIBERS_EVENT_SECRET),
        },
        body: text.replace('Orders fail', 'Orders work'),
      });
      expect(tampered.status).toBe(401);

      const notJson = await postEvent(service, null, { now, text: '{"event":' });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { error: string }).error).toMatch(/^the body is not JSON/);
      const injected = eventBody('refused-20261121t0810', [], now);
      injected.email.en.subject = 'Down\r\nBcc: everyone@example.com';
      const header = await postEvent(service, injected, { now });
      expect(header.status).toBe(400);
      expect(((await header.json()) as { error: string }).error).toBe(
        'not an event: email.en.subject: must not hold a line break',
      );
      const badId = await postEvent(service, eventBody('../../etc', [], now), { now });
      expect(badId.status).toBe(400);
      await expectUnchanged();
    },
  );

  test.skipIf(skip)('a 1 MB body is refused (413) wherever it is sent', async () => {
    const form = await postForm(service, { email: 'ada@example.com', website: '', pad: MB });
    expect(form.status).toBe(413);
    expect(await form.text()).toContain('The form is too large.');
    const now = clock.now;
    const event = await postEvent(
      service,
      eventBody('big-20261121t0810', [], now, { url: `https://status.forno.example/${MB}` }),
      { now },
    );
    expect(event.status).toBe(413);
    expect(await event.json()).toEqual({ error: 'event body over 524288 bytes' });
    const token = signToken(
      SECRETS.SUBSCRIBERS_LINK_SECRET,
      'confirm',
      subscriber,
      now + 3_600_000,
    );
    const link = await fetch(new URL(`confirm?token=${token}`, service.url), {
      method: 'POST',
      body: MB,
    });
    expect(link.status).toBe(413);
    await expectUnchanged();
  });
});
