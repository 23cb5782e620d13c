/**
 * The main pages in real Chromium: their content is there and visible with JavaScript off, axe-core
 * finds no serious or critical violation in the light or the dark colour scheme, and a full-page
 * screenshot of each is kept in test-results/screenshots/ for people to look at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import {
  expectNoSeriousViolations,
  expectVisible,
  inViewport,
  launchChromium,
  screenshot,
  SCHEMES,
  type Scheme,
} from './browser.ts';

const site = inject('exampleSite');
const base = inject('siteUrl');
const config = loadConfig(site.content);

interface PageCase {
  name: string;
  path: string;
  status: number;
  /** Assertions on the page rendered with JavaScript off. */
  check(page: Page): Promise<void>;
}

const text = async (page: Page, selector: string): Promise<string[]> =>
  (await page.locator(selector).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());

const PAGES: PageCase[] = [
  {
    name: 'home',
    path: '',
    status: 200,
    async check(page) {
      // The first screen answers "is it down, and what do I do instead".
      const banner = page.locator('main .banner');
      await expectVisible(
        banner.getByRole('heading', { level: 1, name: 'Partial System Outage' }),
        'banner',
      );
      expect(await banner.innerText()).toContain('Last checked');
      expect(await inViewport(page, banner), 'banner in the first screen').toBe(true);

      const box = page.getByRole('region', { name: 'Instagram is partly unavailable' });
      await expectVisible(box, 'channel box');
      expect(
        await inViewport(page, box.getByRole('heading')),
        'channel box heading in the first screen',
      ).toBe(true);
      const channels = await box
        .getByRole('link')
        .evaluateAll((links) =>
          links.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') })),
        );
      expect(channels.slice(0, 3)).toEqual([
        { name: 'Telegram', href: 'https://t.me/fornoaurora' },
        { name: 'E-mail', href: 'mailto:ordini@fornoaurora.example' },
        { name: 'Phone', href: 'tel:+390115550199' },
      ]);
      expect(channels.map((c) => c.name)).not.toContain('Instagram');
      await expectVisible(box.getByText('ordini@fornoaurora.example'), 'e-mail address');

      await expectVisible(
        page.getByRole('link', { name: 'Instagram messages delayed', exact: true }),
        'active incident',
      );
      await expectVisible(
        page.getByRole('link', { name: 'Delivery tracking map upgrade', exact: true }),
        'maintenance in progress',
      );

      for (const group of config.groups) {
        const region = page.getByRole('region', { name: group.name, exact: true });
        await expectVisible(
          region.getByRole('heading', {
            level: 3,
            name: new RegExp(`^${RegExp.escape(group.name)}`),
          }),
          `group ${group.name}`,
        );
      }
      for (const c of config.components) {
        const row = page
          .locator('.comp')
          .filter({ has: page.getByRole('link', { name: c.name, exact: true }) });
        await expectVisible(
          row.getByRole('link', { name: c.name, exact: true }),
          `component ${c.name}`,
        );
        await expectVisible(row.locator('.st'), `status of ${c.name}`);
        await expectVisible(row.locator('svg.bar'), `uptime bar of ${c.name}`);
        expect(await row.locator('.scale').innerText()).toMatch(/\d+\.\d{2} % uptime|No data/);
      }
    },
  },
  {
    name: 'incident',
    path: 'incidents/meta-platforms-outage/',
    status: 200,
    async check(page) {
      await expectVisible(
        page.getByRole('heading', {
          level: 1,
          name: 'WhatsApp, Instagram and Facebook unreachable',
        }),
        'title',
      );
      await expectVisible(page.locator('dl.facts').getByText('6 h 5 min'), 'duration');
      const affected = page.getByRole('region', { name: 'Affected components' });
      expect(await text(page, '#affected-h + ul a')).toEqual(['WhatsApp', 'Instagram', 'Facebook']);
      await expectVisible(affected, 'affected components');

      // The timeline, newest first.
      const updates = page.locator('ol.updates > li');
      expect(await updates.count()).toBe(4);
      expect(await text(page, 'ol.updates > li .meta strong')).toEqual([
        'Resolved',
        'Monitoring',
        'Identified',
        'Investigating',
      ]);
      const times = await page
        .locator('ol.updates > li .meta time')
        .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
      expect(
        times.every((t, i) => i === 0 || t < times[i - 1]!),
        `timeline newest first: ${times.map((t) => new Date(t).toISOString()).join(', ')}`,
      ).toBe(true);
      for (let i = 0; i < 4; i++)
        await expectVisible(updates.nth(i).locator('.md'), `update ${i + 1}`);
      await expectVisible(page.getByRole('heading', { name: 'Postmortem' }), 'postmortem');
    },
  },
  {
    name: 'component',
    path: 'components/website/',
    status: 200,
    async check(page) {
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Website' }), 'title');
      await expectVisible(page.locator('main .st').first(), 'status');
      const facts = await page
        .locator('dl.facts')
        .evaluate((dl) =>
          [...dl.querySelectorAll('dt')].map((dt) => [
            dt.textContent?.trim(),
            dt.nextElementSibling?.textContent?.trim(),
          ]),
        );
      expect(facts.map(([label]) => label)).toEqual([
        'Last 24 hours',
        'Last 7 days',
        'Last 30 days',
        'Last 90 days',
      ]);
      for (const [label, value] of facts) expect(value, label).toMatch(/^\d{1,3}\.\d{2} %$/);
      await expectVisible(page.locator('dl.facts'), 'uptime figures');
      await expectVisible(page.getByRole('img', { name: /Response time/ }), 'response-time chart');
      await expectVisible(
        page
          .locator('article.card')
          .getByRole('link', { name: 'Website errors overnight', exact: true }),
        'incident that touched it',
      );
      expect(await page.locator('tbody tr[id^="d"]').count(), 'day rows').toBe(90);
      await expectVisible(page.getByRole('table'), 'day-by-day table');
    },
  },
  {
    name: 'maintenance',
    path: 'maintenance/tracking-map-upgrade/',
    status: 200,
    async check(page) {
      await expectVisible(
        page.getByRole('heading', { level: 1, name: 'Delivery tracking map upgrade' }),
        'title',
      );
      await expectVisible(
        page.locator('dl.facts').getByText('In progress', { exact: true }),
        'status',
      );
      await expectVisible(
        page.locator('dl.facts').getByRole('link', { name: 'Delivery tracking' }),
        'component',
      );
      expect(await page.locator('dl.facts time').count()).toBe(2);
      await expectVisible(page.getByText('Deliveries go out as usual'), 'description');
    },
  },
  {
    name: 'history',
    path: 'history/',
    status: 200,
    async check(page) {
      await expectVisible(
        page.getByRole('heading', { level: 1, name: 'Incident history' }),
        'title',
      );
      expect(await text(page, 'tbody th a')).toEqual([
        'November 2026',
        'October 2026',
        'September 2026',
      ]);
      await expectVisible(page.getByRole('link', { name: 'November 2026' }), 'newest month');
    },
  },
  {
    name: '404',
    path: 'no-such-page/',
    status: 404,
    async check(page) {
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Page not found' }), 'title');
      await expectVisible(
        page.getByRole('main').getByRole('link', { name: 'Back to current status' }),
        'way home',
      );
    },
  },
];

let browser: Browser;
const noScript = new Map<Scheme, BrowserContext>();
const withScript = new Map<Scheme, BrowserContext>();
const minor: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  for (const colorScheme of SCHEMES) {
    noScript.set(colorScheme, await browser.newContext({ javaScriptEnabled: false, colorScheme }));
    withScript.set(colorScheme, await browser.newContext({ colorScheme }));
  }
});

afterAll(async () => {
  await browser?.close();
  if (minor.length) console.info(`axe, minor and moderate findings:\n  ${minor.join('\n  ')}`);
});

for (const p of PAGES) {
  describe(`${p.name} page (/${p.path})`, () => {
    for (const scheme of SCHEMES) {
      test(`shows its content without JavaScript, ${scheme} scheme`, async () => {
        const page = await noScript.get(scheme)!.newPage();
        try {
          const response = await page.goto(base + p.path);
          expect(response?.status()).toBe(p.status);
          expect(
            await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
          ).toBe(scheme === 'dark');
          await p.check(page);
          await screenshot(page, `${p.name}-${scheme}`);
        } finally {
          await page.close();
        }
      });

      test(`has no serious or critical axe violation, ${scheme} scheme`, async () => {
        const page = await withScript.get(scheme)!.newPage();
        try {
          expect((await page.goto(base + p.path))?.status()).toBe(p.status);
          const found = await expectNoSeriousViolations(page, `${p.name} (${scheme})`);
          minor.push(...found.map((f) => `${p.name} (${scheme}): ${f}`));
        } finally {
          await page.close();
        }
      });
    }
  });
}
