/**
 * The subscription service end to end, against each database (a SQLite file; PostgreSQL when
 * DATABASE_URL answers): the HTTP service on 127.0.0.1 port 0 and a local SMTP server that records
 * every message. Double opt-in, fan-out to the components followed, the subscriber's language,
 * one-click unsubscribe (RFC 8058), preferences, rate limits, the public count, the admin endpoints.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningService } from '../../src/lib/subscribers/service.ts';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/smtp-recorder.ts';
import {
  eventBody,
  freshDatabase,
  linkIn,
  local,
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

describe.each(await storeVariants())('$name', ({ kind, url, skip }) => {
  let db: TestDatabase;
  let smtp: SmtpRecorder;
  let service: RunningService;
  let content: string;

  beforeAll(async () => {
    if (skip) return;
    db = await freshDatabase(kind, url);
    smtp = await startSmtpRecorder();
    content = writeContent();
    service = await startTestService({ db, smtpPort: smtp.port, content });
  });
  afterAll(async () => {
    if (skip) return;
    await service.stop();
    await smtp.close();
    await db.drop();
  });

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const subscribe = async (
    address: string,
    options: { components?: string[]; lang?: string } = {},
  ) => {
    const res = await postForm(
      service,
      { email: address, component: options.components ?? [], website: '' },
      { 'accept-language': options.lang ?? 'en-GB,en;q=0.9' },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    await until(() => mailsTo(address).length > 0, `the confirmation e-mail to ${address}`);
    return mailsTo(address)[0]!;
  };
  const confirm = async (
    address: string,
    options: { components?: string[]; lang?: string } = {},
  ) => {
    const mail = await subscribe(address, options);
    const res = await fetch(local(service, linkIn(mail.body, 'confirm')), { method: 'POST' });
    expect(res.status).toBe(200);
    return mail;
  };

  test.skipIf(skip)(
    'a sign-up gets one confirmation e-mail in its language, and nothing else until confirmed',
    async () => {
      const res = await postForm(
        service,
        {
          email: ' Ada@Example.COM ',
          website: '',
          back: 'https://status.forno.example/status/components/shop/',
        },
        { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' },
      );
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('<h1>Check your inbox</h1>');
      expect(page).toContain('href="https://status.forno.example/status/components/shop/"');
      expect(page).not.toMatch(/<script/i);

      await until(() => mailsTo('ada@example.com').length === 1, 'the confirmation e-mail');
      const mail = mailsTo('ada@example.com')[0]!;
      expect(mail.subject).toBe('Confirmez votre abonnement à Forno Test status');
      expect(mail.from).toBe('status@forno.example');
      expect(mail.body).toContain('dans les 48 heures');
      const unsubscribe = linkIn(mail.body, 'unsubscribe');
      expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.headers['message-id']).toMatch(
        /^<confirm-\d+\.[A-Za-z0-9_-]{22}@subscribe\.forno\.example>$/,
      );

      const stored = (await snapshot(db))['subscribers']!.map(
        (r) => JSON.parse(String(r)) as Record<string, unknown>,
      );
      const ada = stored.find((r) => r['email'] === 'ada@example.com')!;
      expect(ada).toMatchObject({ locale: 'fr', source: 'form', confirmed_at: null });
      expect(typeof ada['consent_at']).toBe('number');

      // An event now reaches nobody: the only subscriber has not confirmed.
      const now = Date.now();
      const posted = await postEvent(service, eventBody('early-20261121t0800', ['shop'], now), {
        now,
      });
      expect(await posted.json()).toEqual({
        event: 'early-20261121t0800',
        duplicate: false,
        deliveries: 0,
      });
      expect(mailsTo('ada@example.com')).toHaveLength(1);
    },
  );

  test.skipIf(skip)(
    'opening the confirmation link changes nothing; its button confirms',
    async () => {
      const mail = mailsTo('ada@example.com')[0]!;
      const link = local(service, linkIn(mail.body, 'confirm'));
      const opened = await fetch(link);
      const page = await opened.text();
      expect(opened.status).toBe(200);
      expect(page).toContain('<html lang="fr">');
      expect(page).toContain('Envoyer les mises à jour de Forno Test status à ada@example.com ?');
      expect(page).toMatch(/<form method="post" action="[^"]+confirm\?token=/);
      expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await service.store.count()).toBe(0);

      const confirmed = await fetch(link, { method: 'POST' });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('Abonnement confirmé');
      expect(await service.store.count()).toBe(1);
      const row = (await service.store.all()).find((s) => s.email === 'ada@example.com')!;
      expect(row.confirmedAt).toBeGreaterThanOrEqual(row.consentAt!);
    },
  );

  test.skipIf(skip)(
    'an event goes once to each confirmed subscriber who follows one of its components, in their language',
    async () => {
      await confirm('shop@example.com', { components: ['shop'], lang: 'it' });
      await confirm('delivery@example.com', { components: ['delivery'] });
      const before = smtp.mails.length;
      const now = Date.now();
      const res = await postEvent(
        service,
        eventBody('checkout-20261121t0810', ['shop', 'whatsapp'], now),
        { now },
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        event: 'checkout-20261121t0810',
        duplicate: false,
        deliveries: 2,
      });
      await until(() => smtp.mails.length === before + 2, 'two event e-mails');

      const toAda = mailsTo('ada@example.com').at(-1)!;
      expect(toAda.subject).toBe('[Forno Test status] fr: Checkout down');
      expect(toAda.body).toContain('fr: Checkout down\n\nOrders fail.');
      expect(toAda.body).toContain(
        'Se désabonner en un clic : https://subscribe.forno.example/unsubscribe?token=',
      );
      const unsubscribe = linkIn(toAda.body, 'unsubscribe');
      expect(toAda.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
      expect(toAda.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(toAda.headers['message-id']).toMatch(
        /^<checkout-20261121t0810\.[A-Za-z0-9_-]{22}@subscribe\.forno\.example>$/,
      );
      expect(mailsTo('shop@example.com').at(-1)!.subject).toBe(
        '[Forno Test status] it: Checkout down',
      );
      expect(mailsTo('delivery@example.com')).toHaveLength(1); // its confirmation only

      // The same event again (notify retrying after a lost answer): acknowledged, nothing sent.
      const again = await postEvent(service, eventBody('checkout-20261121t0810', ['shop'], now), {
        now,
      });
      expect(await again.json()).toEqual({
        event: 'checkout-20261121t0810',
        duplicate: true,
        deliveries: 0,
      });
      // An event that names no component concerns the whole page: everyone confirmed gets it.
      const all = await postEvent(service, eventBody('page-20261121t0900', [], now), { now });
      expect(await all.json()).toMatchObject({ deliveries: 3 });
      await until(() => smtp.mails.length === before + 5, 'three more e-mails');
      // An e-mail reaches the SMTP server a moment before its delivery is marked sent.
      await until(async () => (await service.store.deliveryCounts()).pending === 0, 'all marked');
      expect(await service.store.deliveryCounts()).toEqual({ pending: 0, sent: 8, failed: 0 });
    },
  );

  test.skipIf(skip)('the preferences link changes the components followed', async () => {
    const link = local(
      service,
      linkIn(mailsTo('delivery@example.com').at(-1)!.body, 'preferences'),
    );
    const page = await (await fetch(link)).text();
    expect(page).toMatch(
      /<input type="checkbox" id="c1" name="component" value="delivery" checked>/,
    );
    expect(page).toMatch(/<input type="checkbox" id="c0" name="component" value="shop">/);
    const saved = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'component=shop&component=whatsapp',
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved: your choice applies from the next update.');
    const row = (await service.store.all()).find((s) => s.email === 'delivery@example.com')!;
    expect(row.components).toEqual(['shop', 'whatsapp']);
  });

  test.skipIf(skip)(
    'one POST to List-Unsubscribe, with no page in between, erases the subscriber',
    async () => {
      const mail = mailsTo('shop@example.com').at(-1)!;
      const target = local(service, /^<(.+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!);
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Non sei più iscritto');
      const rows = await snapshot(db);
      expect(JSON.stringify(rows)).not.toContain('shop@example.com');
      // A second click says the same, not an error.
      expect((await fetch(target, { method: 'POST' })).status).toBe(200);
    },
  );

  test.skipIf(skip)(
    'the same address twice within minutes gets one e-mail; one network gets a few sign-ups',
    async () => {
      await subscribe('twice@example.com');
      const again = await postForm(service, { email: 'twice@example.com', website: '' });
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await again.text()).toContain(
        'A confirmation e-mail went to this address a short while ago',
      );
      expect(mailsTo('twice@example.com')).toHaveLength(1);

      // Ten sign-ups from one client address in ten minutes (five are above), then no more.
      const sent = [];
      for (let i = 0; sent.length < 20; i++)
        sent.push(await postForm(service, { email: `n${i}@example.com`, website: '' }));
      const statuses = sent.map((r) => r.status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThan(10);
      expect(statuses.at(-1)).toBe(429);
      expect(await sent.at(-1)!.text()).toContain('Too many sign-ups from your network');
    },
  );

  test.skipIf(skip)(
    'the public count says how many confirmed; the list needs the admin token',
    async () => {
      const count = await fetch(new URL('count.json', service.url));
      expect(await count.json()).toEqual({ subscribers: 2 });
      expect((await fetch(new URL('health', service.url))).status).toBe(200);

      const exportUrl = new URL('admin/export.csv', service.url);
      expect((await fetch(exportUrl)).status).toBe(401);
      expect((await fetch(exportUrl, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
        401,
      );
      const csv = await fetch(exportUrl, {
        headers: { authorization: `Bearer ${SECRETS.SUBSCRIBERS_ADMIN_TOKEN}` },
      });
      const text = await csv.text();
      expect(text.split('\n')[0]).toBe(
        'email,locale,components,source,created_at,consent_at,confirmed_at',
      );
      expect(text).toMatch(/^ada@example\.com,fr,,form,\d{4}-.+Z,\d{4}-.+Z,\d{4}-.+Z$/m);
      expect(text).toMatch(/^delivery@example\.com,en,shop whatsapp,form,/m);

      const forget = (body: string, token = SECRETS.SUBSCRIBERS_ADMIN_TOKEN) =>
        fetch(new URL('admin/forget', service.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
      expect((await forget('{"email":"ada@example.com"}', 'nope')).status).toBe(401);
      expect(await (await forget('{"email":"ada@example.com"}')).json()).toEqual({ erased: true });
      expect(JSON.stringify(await snapshot(db))).not.toContain('ada@example.com');
      expect(await (await fetch(new URL('count.json', service.url))).json()).toEqual({
        subscribers: 1,
      });
    },
  );
});
