/**
 * "Last checked" on a copy of the home page that is no longer rebuilt, in real Chromium with the
 * clock fixed: with JavaScript off it shows the time the page was built with and no warning; with
 * it on, a relative time in the page's language, and the "checks delayed" warning once the newest
 * sample is older than three probe intervals — and the page stays free of serious axe violations.
 * The example is built at PINNED_NOW, its newest sample taken then.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PINNED_NOW } from '../support/example-site.ts';
import { expectNoSeriousViolations, launchChromium } from './browser.ts';

const base = inject('siteUrl');
const BUILT = Date.parse(PINNED_NOW);
const MINUTE = 60_000;
/** The example's newest sample, as the page writes it. */
const ABSOLUTE = 'Nov 21, 2026, 10:00 AM GMT+1';
const WARNING = `Checks delayed since ${ABSOLUTE}. The status shown may be out of date.`;

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

/** The home page in a new context, its clock fixed at `at` (when JavaScript runs). */
async function home(options: {
  javaScript: boolean;
  at?: number;
  running?: boolean;
}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript });
  contexts.push(context);
  const page = await context.newPage();
  if (options.at !== undefined) {
    if (options.running) await page.clock.install({ time: options.at });
    else await page.clock.setFixedTime(options.at);
  }
  const response = await page.goto(base);
  expect(response?.status()).toBe(200);
  return page;
}

const lastChecked = (page: Page): Promise<string> => page.locator('#last-checked time').innerText();
const warning = (page: Page) => page.locator('#checks-delayed');

describe('JavaScript off', () => {
  test('the absolute time the page was built with, and no warning', async () => {
    const page = await home({ javaScript: false });
    expect(await lastChecked(page)).toBe(ABSOLUTE);
    expect(await warning(page).isVisible()).toBe(false);
  });
});

describe('JavaScript on, the clock fixed', () => {
  test('five minutes after the sample: "5 minutes ago", the absolute time kept as its title', async () => {
    const page = await home({ javaScript: true, at: BUILT + 5 * MINUTE });
    expect(await lastChecked(page)).toBe('5 minutes ago');
    expect(await page.locator('#last-checked time').getAttribute('title')).toBe(ABSOLUTE);
    expect(await warning(page).isVisible()).toBe(false);
  });

  test('exactly three intervals (15 minutes) after: still no warning', async () => {
    const page = await home({ javaScript: true, at: BUILT + 15 * MINUTE });
    expect(await lastChecked(page)).toBe('15 minutes ago');
    expect(await warning(page).isVisible()).toBe(false);
  });

  test('past three intervals: the warning says since when', async () => {
    const page = await home({ javaScript: true, at: BUILT + 16 * MINUTE });
    expect(await lastChecked(page)).toBe('16 minutes ago');
    expect(await warning(page).isVisible()).toBe(true);
    expect((await warning(page).innerText()).replace(/\s+/g, ' ').trim()).toBe(WARNING);
    await expectNoSeriousViolations(page, 'home with checks delayed');
  });

  test('hours and days later', async () => {
    expect(await lastChecked(await home({ javaScript: true, at: BUILT + 3 * 60 * MINUTE }))).toBe(
      '3 hours ago',
    );
    expect(
      await lastChecked(await home({ javaScript: true, at: BUILT + 3 * 24 * 60 * MINUTE })),
    ).toBe('3 days ago');
  });

  test('a page left open follows the clock: the warning appears without a reload', async () => {
    const page = await home({ javaScript: true, at: BUILT + 10 * MINUTE, running: true });
    expect(await lastChecked(page)).toBe('10 minutes ago');
    expect(await warning(page).isVisible()).toBe(false);
    await page.clock.runFor(7 * MINUTE);
    expect(await lastChecked(page)).toBe('17 minutes ago');
    expect(await warning(page).isVisible()).toBe(true);
  });
});
