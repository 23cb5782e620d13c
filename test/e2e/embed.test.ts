/**
 * The embeddable banner in real Chromium, on a page served from a second local origin: shown while
 * an incident is active (with its link and the channels that still work), nothing when all is
 * operational, the host page unaffected when the status site is down or answers garbage, and no
 * serious accessibility violation.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { expectNoSeriousViolations, launchChromium, screenshot } from './browser.ts';

type Mode = 'real' | 'operational' | 'mixed' | 'garbage' | 'error';
let mode: Mode = 'real';
let statusServer: Server;
let hostServer: Server;
let statusOrigin: string;
let hostOrigin: string;
let browser: Browser;

const site = inject('exampleSite');
const summary = readFileSync(join(site.dist, 'api/v2/summary.json'), 'utf8');
const embed = readFileSync(join(site.dist, 'embed.js'), 'utf8');

/** summary.json with nothing active: the same components, all operational. */
function operational(): string {
  const data = JSON.parse(summary) as {
    components: { status: string }[];
    incidents: unknown[];
    scheduled_maintenances: unknown[];
    status: unknown;
  };
  for (const c of data.components) c.status = 'operational';
  return JSON.stringify({
    ...data,
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator: 'none', description: 'All Systems Operational' },
  });
}

/** summary.json of the bakery's worst day: WhatsApp and the phone down, Instagram only slow. */
function mixed(): string {
  const data = JSON.parse(summary) as { components: { id: string; status: string }[] };
  const set: Record<string, string> = {
    whatsapp: 'major_outage',
    phone: 'major_outage',
    instagram: 'degraded_performance',
  };
  for (const c of data.components) c.status = set[c.id] ?? 'operational';
  return JSON.stringify(data);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The status site: the built embed.js and a summary.json that each test chooses.
  statusServer = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.url === '/embed.js')
      return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(embed);
    if (req.url === '/api/v2/summary.json') {
      if (mode === 'error') return void res.writeHead(500).end('Internal Server Error');
      if (mode === 'garbage')
        return void res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end('<html>{"incidents": [');
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(mode === 'real' ? summary : mode === 'mixed' ? mixed() : operational());
    }
    res.writeHead(404).end();
  });
  statusOrigin = await listen(statusServer);
  // The business's own site, on another origin, with the snippet from docs/integrations.md.
  hostServer = createServer((req, res) => {
    const origin = new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? statusOrigin;
    res.writeHead(200, { 'Content-Type': 'text/html' })
      .end(`<!doctype html><html lang="en"><head><title>Forno Aurora</title></head>
<body><main><h1>Forno Aurora</h1><p id="own">Fresh bread every morning.</p>
<button id="order" type="button" onclick="document.getElementById('own').textContent = 'Ordered'">Order</button></main>
<script src="${origin}/embed.js" async></script></body></html>`);
  });
  hostOrigin = await listen(hostServer);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  statusServer?.close();
  hostServer?.close();
});

/** Opens the host page; returns the page and the errors it raised. */
async function openHost(query = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hostOrigin}/${query}`);
  return { page, errors };
}

/** Whether the banner's host element is on the page, once the script has had time to act. */
async function bannerShown(page: Page): Promise<boolean> {
  await page.waitForLoadState('networkidle');
  return (await page.locator('[data-heliograph]').count()) > 0;
}

describe('while an incident is active', () => {
  test('shows the incident with its link and the channels that still work; dismissing it sticks', async () => {
    mode = 'real';
    const { page, errors } = await openHost();
    const region = page.getByRole('region', { name: 'Service status' });
    await region.waitFor();
    await expect(region.innerText()).resolves.toMatch(
      /^Incident: Instagram messages delayed \(\+1\) Details\n+Instagram is partly unavailable\. You can still reach us: Telegram, E-mail, Phone, WhatsApp, Facebook/,
    );
    await expect(region.getByRole('link', { name: 'Details' }).getAttribute('href')).resolves.toBe(
      'https://status.fornoaurora.example/incidents/instagram-messages-delayed/',
    );
    await expect(region.getByRole('link', { name: 'Telegram' }).getAttribute('href')).resolves.toBe(
      'https://t.me/fornoaurora',
    );
    await screenshot(page, 'embed-banner');
    expect(await expectNoSeriousViolations(page, 'host page with the banner')).toEqual([]);
    await region.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('[data-heliograph]').count()).toBe(0);
    await page.reload();
    expect(await bannerShown(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('when channels are affected in different ways', () => {
  test('says which are down and which are only slow, and offers neither', async () => {
    mode = 'mixed';
    const { page, errors } = await openHost();
    const region = page.getByRole('region', { name: 'Service status' });
    await region.waitFor();
    await expect(region.innerText()).resolves.toContain(
      'WhatsApp and Phone are unavailable; Instagram is slow. You can still reach us: Telegram, E-mail, Facebook',
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('when nothing is wrong or the status site fails', () => {
  test.each<[string, Mode, string]>([
    ['all operational: nothing is shown', 'operational', ''],
    ['summary.json answers garbage', 'garbage', ''],
    ['summary.json answers 500', 'error', ''],
    ['the status site is unreachable', 'real', '?status=http://127.0.0.1:9'],
  ])('%s, and the host page works as before', async (_, m, query) => {
    mode = m;
    const { page, errors } = await openHost(query);
    expect(await bannerShown(page)).toBe(false);
    await page.getByRole('button', { name: 'Order' }).click();
    await expect(page.locator('#own').innerText()).resolves.toBe('Ordered');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

test('embed.js is at most 3 KB gzipped, and ASCII so that any host page reads it right', () => {
  expect(gzipSync(embed, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
  expect(embed).toMatch(/^[\x00-\x7f]*$/);
});
