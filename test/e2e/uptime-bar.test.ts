/**
 * The 90-day bars and the day-by-day detail, in real Chromium with JavaScript off. On the home
 * page each bar is a picture — nothing in it to focus, nothing for a screen reader to wade
 * through — with words beside it that give the uptime and lead to the component's day-by-day
 * table; the keyboard alone gets there, and the table names every day with its uptime (or "no
 * data"). The home page stays under 1,000 elements.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { inViewport, launchChromium } from './browser.ts';

const site = inject('exampleSite');
const base = inject('siteUrl');
const config = loadConfig(site.content);
const { locale, time_zone: timeZone } = config.site;
const DAYS = 90;

/** "Nov 21, 2026" for `2026-11-21`, as the site writes a date in its language. */
const longDate = (date: string): string =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(Date.parse(`${date}T12:00:00Z`));
const previousDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(Date.parse(site.now));

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await context.newPage();
  expect((await page.goto(base))?.status()).toBe(200);
});

describe('the home page’s bars', () => {
  test('each is a picture hidden from screen readers, with nothing in it to focus', async () => {
    const bars = page.locator('svg.bar');
    expect(await bars.count()).toBe(config.components.length);
    for (const bar of await bars.all()) {
      expect(await bar.getAttribute('aria-hidden')).toBe('true');
      expect(await bar.locator('a, [tabindex]').count()).toBe(0);
      expect((await bar.boundingBox())?.height).toBeGreaterThanOrEqual(24);
    }
  });

  test('each is followed by words that give its uptime and link to the day-by-day table', async () => {
    for (const c of config.components) {
      const row = page
        .locator('.comp')
        .filter({ has: page.getByRole('link', { name: c.name, exact: true }) });
      const link = row.locator('.scale a');
      expect(await link.innerText()).toMatch(
        /^\d+\.\d{2} % uptime over 90 days(, \d+ incidents?)?$/,
      );
      expect(new URL((await link.getAttribute('href')) ?? '', base).href).toBe(
        new URL(`components/${c.id}/#days`, base).href,
      );
    }
  });

  test('the page holds fewer than 1,000 elements', async () => {
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(1000);
  });
});

describe('the day-by-day detail, without JavaScript', () => {
  test('the keyboard alone reaches it from the home page in a few presses', async () => {
    const first = config.components[0]!;
    const target = new URL(`components/${first.id}/#days`, base).href;
    let presses = 0;
    for (;;) {
      await page.keyboard.press('Tab');
      presses++;
      // Before, 90 links a bar stood in the way; now the bar's words come after its name.
      expect(presses, 'Tab presses to reach the first bar’s words').toBeLessThan(20);
      const href = await page.evaluate(() =>
        document.activeElement instanceof HTMLAnchorElement ? document.activeElement.href : '',
      );
      if (href === target) break;
    }
    await Promise.all([page.waitForURL((u) => u.hash === '#days'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    const heading = page.locator('#days');
    expect(await heading.innerText()).toBe('Day by day');
    expect(await inViewport(page, heading), 'the table’s heading scrolled into view').toBe(true);
  });

  test('the table names every day, newest first, with its uptime or "no data"', async () => {
    const first = config.components[0]!;
    await page.goto(new URL(`components/${first.id}/`, base).href);
    const rows = await page
      .locator('#days + table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );
    expect(rows).toHaveLength(DAYS);
    let date = today;
    for (const [when, uptime] of rows) {
      expect(when).toBe(longDate(date));
      expect(uptime).toMatch(/^\d+\.\d{2} % uptime$|^no data$/);
      date = previousDate(date);
    }
  });
});
