/**
 * The 90-day uptime bar on the home page, in real Chromium with JavaScript off: the keyboard alone
 * reaches every day in order, each day's accessible name gives the date and its uptime (or "no
 * data"), the detail becomes visible on focus and on hover, and each day leads to its row on the
 * component page.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/lib/config/load.ts';
import { expectNoSeriousViolations, inViewport, launchChromium, SCHEMES } from './browser.ts';

const site = inject('exampleSite');
const base = inject('siteUrl');
const { locale, time_zone: timeZone } = loadConfig(site.content).site;
const DAYS = 90;

/** "Mon, Aug 24" for `2026-08-24`, as the site writes a short date in its language. */
const shortDate = (date: string): string =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(Date.parse(`${date}T12:00:00Z`));
const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(Date.parse(site.now));

interface Day {
  href: string;
  component: string;
  date: string;
}

/** The days of the first bar on the page, with the component and date each link points to. */
async function firstBarDays(page: Page): Promise<Day[]> {
  const hrefs = await page
    .locator('.bar')
    .first()
    .locator('a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => {
    const url = new URL(href, base);
    const match = /\/components\/([^/]+)\/$/.exec(url.pathname);
    const date = /^#d(\d{4}-\d{2}-\d{2})$/.exec(url.hash);
    expect(match && date, `day link ${href}`).toBeTruthy();
    return { href, component: match![1]!, date: date![1]! };
  });
}

/** The accessible name of the focused element, from Chromium's accessibility tree. */
async function focusedName(page: Page): Promise<string> {
  const snapshot = await page.locator(':focus').ariaSnapshot();
  // The snapshot is YAML: `- link "name":` (quoted again when the name holds a colon).
  const [entry] = parse(snapshot) as [Record<string, unknown> | string];
  const key = typeof entry === 'string' ? entry : (Object.keys(entry)[0] ?? '');
  const name = /^link "((?:[^"\\]|\\.)*)"$/.exec(key);
  expect(name, `focused element is a link with a name:\n${snapshot}`).toBeTruthy();
  return JSON.parse(`"${name![1]!}"`) as string;
}

/** Fails unless the day's detail text is shown: a real size, inside the viewport, not covered. */
async function expectDetailShown(page: Page, day: Locator, what: string): Promise<void> {
  const detail = day.locator('span');
  const box = await detail.boundingBox();
  expect(
    box !== null && box.width > 20 && box.height > 10,
    `${what}: detail has a readable size (${JSON.stringify(box)})`,
  ).toBe(true);
  expect(
    await inViewport(page, detail),
    `${what}: detail inside the viewport (${JSON.stringify(box)})`,
  ).toBe(true);
  const onTop = await detail.evaluate((span) => {
    const r = span.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && span.contains(hit);
  });
  expect(onTop, `${what}: detail not covered by anything`).toBe(true);
}

/** Fails unless the day's detail is hidden again (visually clipped to at most one pixel). */
async function expectDetailHidden(day: Locator, what: string): Promise<void> {
  const box = await day.locator('span').boundingBox();
  expect(
    box === null || (box.width <= 1 && box.height <= 1),
    `${what}: detail hidden (${JSON.stringify(box)})`,
  ).toBe(true);
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let days: Day[];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 720 },
  });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await context.newPage();
  expect((await page.goto(base))?.status()).toBe(200);
  days = await firstBarDays(page);
});

describe('uptime bar of the first component on the home page', () => {
  test('has 90 days, oldest first and ending today, of the component it sits under', async () => {
    expect(days).toHaveLength(DAYS);
    const first = page.locator('.comp').first();
    const componentHref = await first.locator('.row a').first().getAttribute('href');
    expect(new URL(componentHref ?? '', base).pathname).toBe(`/components/${days[0]!.component}/`);
    expect(new Set(days.map((d) => d.component)).size).toBe(1);
    for (let i = 1; i < DAYS; i++)
      expect(days[i]!.date, `day ${i + 1} follows day ${i}`).toBe(nextDate(days[i - 1]!.date));
    expect(days.at(-1)!.date).toBe(today);
    expect(await page.locator('.bar').first().getAttribute('role')).toBe('group');
    expect(await page.locator('.bar').first().getAttribute('aria-label')).toMatch(/90 days/);
  });

  test('the keyboard alone reaches every day in order, each named with its date and uptime and showing its detail', async () => {
    const bar = page.locator('.bar').first();
    const inFirstBar = (): Promise<boolean> =>
      page.evaluate(
        () => document.activeElement?.closest('.bar') === document.querySelector('.bar'),
      );
    // Tab from the top of the page until the bar; nothing before it may be another bar's day.
    let presses = 0;
    for (;;) {
      await page.keyboard.press('Tab');
      presses++;
      expect(presses, 'Tab presses to reach the bar').toBeLessThan(60);
      const where = await page.evaluate(() =>
        document.activeElement?.closest('.bar') ? 'bar' : 'elsewhere',
      );
      if (where === 'bar') break;
    }
    expect(await inFirstBar(), 'the first bar is reached first').toBe(true);

    for (let i = 0; i < DAYS; i++) {
      const day = days[i]!;
      const what = `day ${i + 1} (${day.date})`;
      const focused = page.locator(':focus');
      expect(await focused.getAttribute('href'), `${what}: focus order`).toBe(day.href);
      const name = await focusedName(page);
      expect(name, `${what}: accessible name has the date`).toContain(shortDate(day.date));
      expect(name, `${what}: accessible name has the uptime`).toMatch(/uptime|no data/);
      expect(
        (await focused.locator('span').innerText()).replace(/\s+/g, ' ').trim(),
        `${what}: detail says what the name says`,
      ).toBe(name);
      await expectDetailShown(page, focused, what);
      await page.keyboard.press('Tab');
    }
    // Past the last day, focus leaves the bar and the detail hides again.
    expect(await inFirstBar(), 'focus leaves the bar after the last day').toBe(false);
    await expectDetailHidden(bar.locator('a').last(), 'last day after Tab');
  });

  test('hovering a day shows its detail to pointer users, and leaving hides it', async () => {
    const links = page.locator('.bar').first().locator('a');
    for (const i of [0, 30, 59, DAYS - 1]) {
      const day = links.nth(i);
      const what = `day ${i + 1} (${days[i]!.date})`;
      await expectDetailHidden(day, `${what} before hover`);
      await day.hover();
      await expectDetailShown(page, day, `${what} on hover`);
      expect(await day.locator('span').innerText()).toContain(shortDate(days[i]!.date));
      await page.mouse.move(1, 1);
      await expectDetailHidden(day, `${what} after the pointer leaves`);
    }
  });

  test('each day leads to its row on the component page', async () => {
    const componentPage = await context.newPage();
    try {
      const url = new URL(`components/${days[0]!.component}/`, base).href;
      expect((await componentPage.goto(url))?.status()).toBe(200);
      const rows = new Set(
        await componentPage.locator('tr[id]').evaluateAll((trs) => trs.map((tr) => tr.id)),
      );
      for (const day of days) {
        expect(
          new URL(day.href, base).href.split('#')[0],
          `${day.date}: link to the component page`,
        ).toBe(url);
        expect(rows.has(`d${day.date}`), `${day.date}: row #d${day.date} on ${url}`).toBe(true);
      }
    } finally {
      await componentPage.close();
    }

    // Following a day (here by keyboard: focus it, press Enter) scrolls its row into view.
    const day = days[DAYS - 31]!;
    await page
      .locator('.bar')
      .first()
      .locator('a')
      .nth(DAYS - 31)
      .focus();
    await Promise.all([
      page.waitForURL((u) => u.hash === `#d${day.date}`),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState('load');
    const row = page.locator('tr:target');
    expect(await row.getAttribute('id')).toBe(`d${day.date}`);
    expect(
      await inViewport(page, row),
      `target row scrolled into view (${JSON.stringify(await row.boundingBox())}, scrollY ${await page.evaluate(() => scrollY)})`,
    ).toBe(true);
    expect(await row.innerText()).toMatch(/uptime|no data/);
  });

  for (const colorScheme of SCHEMES) {
    test(`the detail shown on focus passes axe, ${colorScheme} scheme`, async () => {
      // axe needs timers, which Chromium stops when scripting is off: a context with JavaScript on.
      const withScript = await browser.newContext({ colorScheme });
      try {
        const axePage = await withScript.newPage();
        await axePage.goto(base);
        const day = axePage.locator('.bar').first().locator('a').nth(45);
        await day.focus();
        await expectDetailShown(axePage, day, 'day 46 focused');
        await expectNoSeriousViolations(axePage, `home with a day focused (${colorScheme})`);
      } finally {
        await withScript.close();
      }
    });
  }
});
