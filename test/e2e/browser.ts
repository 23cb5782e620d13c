/**
 * Shared helpers of the browser tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), axe-core checks and screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];

/** Where full-page screenshots go (test-results/ is git-ignored). */
export const SCREENSHOTS = resolve('test-results/screenshots');

/** Debian's Chromium, headless, with nothing that talks to the network on its own. */
export { launchChromium } from '../../scripts/lib/chromium.ts';

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Rules axe leaves off by default that the site must pass. `target-size` is WCAG 2.2's 2.5.8
 * (AA): every pointer target at least 24 × 24 CSS pixels, or spaced as if it were — what a
 * visitor in a hurry on a phone taps.
 */
export const EXTRA_RULES: Record<string, { enabled: boolean }> = {
  'target-size': { enabled: true },
};

/**
 * Runs axe-core on the page, with `EXTRA_RULES` on, and fails, listing every rule and element,
 * if any violation is serious or critical. Returns the minor and moderate ones for the caller to
 * report.
 *
 * axe needs timers, and Chromium runs none when scripting is disabled, so the page given here
 * must come from a context with JavaScript on. The only script the site ships is the home page's
 * inline "Last checked" one, which changes words and one `hidden` attribute, no structure.
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: EXTRA_RULES }).analyze();
  const describe = (v: (typeof results.violations)[number]): string =>
    [
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map(
        (n) =>
          `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`,
      ),
    ].join('\n');
  const ran = new Set(
    [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map(
      (r) => r.id,
    ),
  );
  for (const rule of Object.keys(EXTRA_RULES))
    expect(ran, `axe on ${label} ran ${rule}`).toContain(rule);
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.length,
    `axe on ${label}: serious or critical violations\n${serious.map(describe).join('\n')}`,
  ).toBe(0);
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'unknown'}) × ${v.nodes.length}`);
}

/** Fails unless the locator matches exactly one element that is visible and has a real size. */
export async function expectVisible(locator: Locator, what: string): Promise<void> {
  expect(await locator.count(), `${what}: how many`).toBe(1);
  expect(await locator.isVisible(), `${what}: visible`).toBe(true);
  const box = await locator.boundingBox();
  expect(
    box !== null && box.width > 1 && box.height > 1,
    `${what}: has a size (${JSON.stringify(box)})`,
  ).toBe(true);
}

/** Whether the element's box lies wholly inside the viewport. */
export async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  // Half a pixel of slack for sub-pixel layout (a scrolled-to row may sit at y = -0.19).
  const e = 0.5;
  return (
    box.x >= -e &&
    box.y >= -e &&
    box.x + box.width <= size.width + e &&
    box.y + box.height <= size.height + e
  );
}
