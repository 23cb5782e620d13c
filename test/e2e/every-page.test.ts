/**
 * axe-core on every page the example builds, in the light and the dark colour scheme, with WCAG
 * 2.2's target-size rule on (test/e2e/browser.ts, EXTRA_RULES): no serious or critical violation
 * anywhere — the home page, each incident (with its folded share box and details opened too),
 * component, group, maintenance and history page, the page for developers and the 404 page.
 */
import { relative, sep } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { htmlFiles } from '../support/dist.ts';
import { expectNoSeriousViolations, launchChromium, SCHEMES, type Scheme } from './browser.ts';

const site = inject('exampleSite');
const base = inject('siteUrl');

/** Every page's path under the site, from the built files (`incidents/x/index.html` → `incidents/x/`). */
const PATHS = htmlFiles(site.dist)
  .map((file) => relative(site.dist, file).split(sep).join('/'))
  .map((file) => file.replace(/(^|\/)index\.html$/, '$1'))
  .sort();

let browser: Browser;
const contexts = new Map<Scheme, BrowserContext>();
const minor: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // axe needs timers, which Chromium stops when scripting is off (see browser.ts).
  for (const colorScheme of SCHEMES)
    contexts.set(colorScheme, await browser.newContext({ colorScheme }));
});

afterAll(async () => {
  await browser?.close();
  if (minor.length) console.info(`axe, minor and moderate findings:\n  ${minor.join('\n  ')}`);
});

test('the example has every kind of page', () => {
  for (const kind of [
    '',
    'incidents/',
    'components/',
    'groups/',
    'maintenance/',
    'history/',
    'developers/',
    '404.html',
  ])
    expect(
      PATHS.some((p) => p.startsWith(kind)),
      kind || 'home',
    ).toBe(true);
});

describe.each(SCHEMES)('%s scheme', (scheme) => {
  test.each(PATHS)('/%s', async (path) => {
    const page = await contexts.get(scheme)!.newPage();
    try {
      const response = await page.goto(base + path);
      expect(response?.status()).toBe(200);
      minor.push(
        ...(await expectNoSeriousViolations(page, `/${path} (${scheme})`)).map(
          (f) => `/${path} (${scheme}): ${f}`,
        ),
      );
      // Folded parts (the share box, technical details) must pass opened as well.
      const folded = await page.locator('details').count();
      if (folded > 0) {
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        await expectNoSeriousViolations(page, `/${path} with every <details> open (${scheme})`);
      }
    } finally {
      await page.close();
    }
  });
});
