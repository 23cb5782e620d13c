/**
 * Subscribing from the static page in real Chromium with JavaScript off: the example site is built
 * with `subscriptions.url` pointing at the subscription service on 127.0.0.1 (a SQLite file in a
 * temporary folder) and `show_count` on, so the build reads the count from the running service.
 * A visitor fills the form on the home page, lands on the service's answer page, then follows the
 * confirmation link from the e-mail the local SMTP server recorded, and confirms with the button.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { startService, type RunningService } from '../../src/lib/subscribers/service.ts';
import { serveSchema } from '../../src/lib/subscribers/settings.ts';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/smtp-recorder.ts';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { writeExample } from '../../src/lib/example/write.ts';
import { PINNED_NOW, removeSite, type BuiltSite } from '../support/example-site.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { freshDatabase, SECRETS, until, type TestDatabase } from '../subscribers/support.ts';
import { expectNoSeriousViolations, launchChromium, screenshot } from './browser.ts';
import { OWN_SCRIPT } from '../support/dist.ts';

let smtp: SmtpRecorder;
let db: TestDatabase;
let service: RunningService;
let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let serviceUrl: string;

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  db = await freshDatabase('sqlite');
  // The service's address must be in the site's configuration before either starts.
  const port = await freePort();
  serviceUrl = `http://127.0.0.1:${port}/`;
  const root = mkdtempSync(join(tmpdir(), 'heliograph-subscribe-'));
  site = {
    root,
    content: join(root, 'content'),
    dist: join(root, 'dist'),
    now: PINNED_NOW,
    output: '',
  };
  writeExample({ out: site.content, now: Date.parse(PINNED_NOW) });
  const file = join(site.content, 'heliograph.yaml');
  const yaml = readFileSync(file, 'utf8').replace(
    /subscriptions:\n {2}url: \S+\n/,
    `subscriptions:\n  url: ${serviceUrl}\n  show_count: true\n`,
  );
  writeFileSync(file, yaml);
  // The service runs while the site builds, so that the build reads the count from it.
  service = await startService({
    config: loadConfig(site.content),
    configFile: 'heliograph.yaml',
    settings: serveSchema.parse({
      ...db.env,
      ...SECRETS,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}?local_relay_without_tls=true`,
      SUBSCRIBERS_FROM: 'Forno Aurora status <status@fornoaurora.example>',
      PORT: String(port),
      HOST: '127.0.0.1',
    }),
    now: () => Date.now(),
    log: () => undefined,
    policy: { pollMs: 100 },
  });
  const consent = Date.now() - 86_400_000;
  await service.store.importRows(
    ['one', 'two'].map((n) => ({
      email: `${n}@example.com`,
      locale: 'en' as const,
      components: [],
      source: 'import' as const,
      consentAt: consent,
      confirmedAt: consent,
    })),
    Date.now(),
  );
  await buildSite({ content: site.content, out: site.dist, now: PINNED_NOW });
  server = await startStaticServer(site.dist);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await service?.stop();
  await smtp?.close();
  await db?.drop();
  if (site) removeSite(site);
});

test('the form on the home page signs up, and the link in the e-mail confirms — no script anywhere', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(server.url);
  const form = page.getByRole('form', { name: 'Get updates by e-mail' });
  expect(await form.getAttribute('action')).toBe(`${serviceUrl}subscribe`);
  expect(await form.getByText('2 people follow this page by e-mail').count()).toBe(1);
  await form.getByLabel('E-mail address').fill('visitor@example.com');
  await form.getByLabel('About').selectOption({ label: 'Online ordering' });
  await screenshot(page, 'subscribe-form');
  await Promise.all([
    page.waitForURL(`${serviceUrl}subscribe`),
    form.getByRole('button', { name: 'Subscribe' }).click(),
  ]);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Check your inbox');
  expect(
    await page.getByRole('link', { name: 'Back to the status page' }).getAttribute('href'),
  ).toBe('https://status.fornoaurora.example/');
  await screenshot(page, 'subscribe-check-inbox');

  await until(
    () => smtp.mails.some((m) => m.to.includes('visitor@example.com')),
    'the confirmation e-mail',
  );
  const mail = smtp.mails.find((m) => m.to.includes('visitor@example.com'))!;
  const link = /http:\/\/127\.0\.0\.1:\d+\/confirm\?token=\S+/.exec(mail.body)![0];
  await page.goto(link);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
    'Confirm your subscription',
  );
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForLoadState();
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Subscription confirmed');
  await screenshot(page, 'subscribe-confirmed');
  const visitor = (await service.store.all()).find((s) => s.email === 'visitor@example.com')!;
  expect(visitor.confirmedAt).not.toBeNull();
  expect(visitor.components).toEqual(['ordering']);
  await context.close();

  // The service's pages pass axe too (axe needs script; the page has none either way).
  const scripted = await browser.newContext();
  const check = await scripted.newPage();
  await check.goto(link);
  await expectNoSeriousViolations(check, 'the confirmation page');
  await scripted.close();
});

test("a component's page offers that component; the pages hold no script", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('components/ordering/', server.url).href);
  const select = page.getByRole('form', { name: 'Get updates by e-mail' }).getByLabel('About');
  expect(await select.inputValue()).toBe('ordering');
  expect(await select.locator('option').allInnerTexts()).toEqual([
    'Every component',
    'Online ordering',
  ]);
  // The home page's own "last checked" script aside, the sign-up works with none.
  const home = readFileSync(join(site.dist, 'index.html'), 'utf8').replace(OWN_SCRIPT, '');
  for (const html of [home, await page.content()]) expect(html).not.toMatch(/<script/i);
  await context.close();
});

/** A port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
