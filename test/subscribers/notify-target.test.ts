/**
 * `npm run notify` with a `subscribers` target, end to end against the real service (SQLite) and a
 * local SMTP server: each event reaches each confirmed subscriber who follows one of its components,
 * in the subscriber's language (the texts notify built with the share e-mail builder), once — even
 * when notify's own record is lost and it posts everything again; a wrong secret is refused.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningService } from '../../src/lib/subscribers/service.ts';
import { forgetSent, NOW, removeSite, runNotify, writeSite } from '../notify/fixture.ts';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/smtp-recorder.ts';
import {
  freshDatabase,
  SECRETS,
  startTestService,
  until,
  writeContent,
  type TestDatabase,
} from './support.ts';

let db: TestDatabase;
let smtp: SmtpRecorder;
let service: RunningService;
let site: string;

beforeAll(async () => {
  db = await freshDatabase('sqlite');
  smtp = await startSmtpRecorder();
  service = await startTestService({
    db,
    smtpPort: smtp.port,
    content: writeContent(),
    clock: { now: NOW },
  });
  const consent = NOW - 86_400_000;
  await service.store.importRows(
    [
      {
        email: 'all@example.com',
        locale: 'it',
        components: [],
        source: 'form',
        consentAt: consent,
        confirmedAt: consent,
      },
      {
        email: 'shop@example.com',
        locale: 'en',
        components: ['shop'],
        source: 'form',
        consentAt: consent,
        confirmedAt: consent,
      },
      {
        email: 'delivery@example.com',
        locale: 'fr',
        components: ['delivery'],
        source: 'form',
        consentAt: consent,
        confirmedAt: consent,
      },
      {
        email: 'waiting@example.com',
        locale: 'en',
        components: [],
        source: 'import',
        consentAt: null,
        confirmedAt: null,
      },
    ],
    NOW,
  );
  site = writeSite(`notifications:
  - { kind: subscribers, url: '${service.url}', secret: '\${SUBSCRIBERS_EVENT_SECRET}' }
`);
});
afterAll(async () => {
  await service.stop();
  await smtp.close();
  await db.drop();
  removeSite(site);
});

/** Subjects received, sorted: four senders work side by side, so arrival order is not fixed. */
const subjects = (address: string): string[] =>
  smtp.mails
    .filter((m) => m.to.includes(address))
    .map((m) => m.subject)
    .sort();

test('each event goes once to the subscribers who follow it, in their language', async () => {
  const run = await runNotify(site, service.url, {
    env: { SUBSCRIBERS_EVENT_SECRET: SECRETS.SUBSCRIBERS_EVENT_SECRET },
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
  await until(() => smtp.mails.length === 9, 'nine e-mails (4 + 4 + one confirmation request)');
  expect(subjects('all@example.com')).toEqual([
    '[Forno Test status] Analisi in corso: Checkout & WhatsApp down',
    '[Forno Test status] Causa individuata: Checkout & WhatsApp down',
    '[Forno Test status] Manutenzione in corso: Database upgrade',
    '[Forno Test status] Risolto: Checkout & WhatsApp down',
  ]);
  expect(subjects('shop@example.com')).toEqual([
    '[Forno Test status] Identified: Checkout & WhatsApp down',
    '[Forno Test status] Investigating: Checkout & WhatsApp down',
    '[Forno Test status] Maintenance in progress: Database upgrade',
    '[Forno Test status] Resolved: Checkout & WhatsApp down',
  ]);
  expect(subjects('delivery@example.com')).toEqual([]);
  expect(subjects('waiting@example.com')).toEqual([
    'Confirm your subscription to Forno Test status',
  ]);
  const resolved = smtp.mails.find((m) => m.subject.endsWith('Risolto: Checkout & WhatsApp down'))!;
  // The share e-mail text, as notify built it in Italian, then the service's footer.
  expect(resolved.body).toContain(
    'Risolto: Checkout & WhatsApp down\n\nCoinvolti: Online shop, WhatsApp',
  );
  expect(resolved.body).toContain('https://status.forno.example/status/incidents/checkout-errors/');
  expect(resolved.body).toContain(
    '\n-- \nRicevi questa e-mail perché questo indirizzo segue Forno Test status.',
  );
});

test('a rerun sends nothing; with its record lost, the service still sends nothing twice', async () => {
  const again = await runNotify(site, service.url, {
    env: { SUBSCRIBERS_EVENT_SECRET: SECRETS.SUBSCRIBERS_EVENT_SECRET },
  });
  expect(again.stdout).toMatch(/^notify: nothing to send$/m);
  forgetSent(site);
  const lost = await runNotify(site, service.url, {
    env: { SUBSCRIBERS_EVENT_SECRET: SECRETS.SUBSCRIBERS_EVENT_SECRET },
  });
  expect(lost.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
  // The service records deliveries before it answers: none was added, none is waiting (once the
  // sender has marked what the SMTP server already has).
  await until(async () => (await service.store.deliveryCounts()).pending === 0, 'all marked');
  expect(await service.store.deliveryCounts()).toEqual({ pending: 0, sent: 9, failed: 0 });
  expect(smtp.mails).toHaveLength(9);
});

test('a target with the wrong secret is refused by the service, and notify reports it', async () => {
  forgetSent(site);
  const wrong = await runNotify(site, service.url, {
    env: { SUBSCRIBERS_EVENT_SECRET: 'not-the-secret-at-all' },
  });
  expect(wrong.code).toBe(0);
  // The status and its standard phrase only: a target's answer is never printed (docs/security.md).
  expect(wrong.stdout).toMatch(/^failed subscribers incident\.opened .*401 Unauthorized/m);
  expect(wrong.stdout).not.toContain('does not match the body');
  expect(wrong.stdout).not.toContain('not-the-secret-at-all');
});
