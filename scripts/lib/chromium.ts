/**
 * Debian's Chromium (`apt-get install chromium`) driven by playwright-core, which never downloads
 * a browser of its own: the browser tests and `npm run screenshot` launch it here.
 */
import { chromium, type Browser } from 'playwright-core';

/** Headless, and nothing that talks to the network on its own or needs a sandbox-capable kernel. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Launches Chromium from /usr/bin/chromium, or from $HELIOGRAPH_CHROMIUM when set. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['HELIOGRAPH_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
}
