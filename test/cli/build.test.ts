/**
 * The command's files in a real build, once: the example content, changed through the actual
 * script (`node scripts/incident.ts`, stdin not a terminal), then built by Astro at the pinned now.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPage } from '../support/dist.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/incident.ts', import.meta.url));

/** Runs the script synchronously (`adjust` is synchronous); fails loudly on a non-zero exit. */
function incident(content: string, args: string[]): string {
  const result = spawnSync(process.execPath, [SCRIPT, ...args, '--content', content], {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(`incident ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return result.stdout;
}

let site: BuiltSite;
const printed: string[] = [];
beforeAll(async () => {
  site = await buildExampleSite({
    adjust: (content) => {
      // Pinned now: 2026-11-21T09:00:00Z. Times are explicit: the script runs on the real clock.
      printed.push(
        incident(content, [
          'new',
          '--id=checkout-errors',
          '--title=Checkout errors',
          '--impact=major',
          '--component=ordering=major_outage',
          '--component=payments=partial_outage',
          '--status=investigating',
          '--message=Orders fail at **checkout**.',
          '--at=2026-11-21T08:20:00Z',
        ]),
        incident(content, [
          'update',
          'checkout-errors',
          '--status=identified',
          '--message=A faulty release; rolling back.',
          '--component=payments=operational',
          '--at=2026-11-21T08:40:00Z',
        ]),
        incident(content, ['resolve', 'instagram-messages-delayed', '--at=2026-11-21T08:55:00Z']),
        incident(content, [
          'maintenance',
          'new',
          '--id=database-upgrade',
          '--title=Database upgrade',
          '--start=2026-11-25T02:00:00+01:00',
          '--end=2026-11-25T03:00:00+01:00',
          '--component=ordering',
          '--message=Ordering pauses for up to an hour.',
        ]),
      );
    },
  });
}, 180_000);
afterAll(() => site && removeSite(site));

describe('a site built from what the command wrote', () => {
  test('the script printed the paths and pages', () => {
    expect(printed[0]).toMatch(
      /^Created .*incidents\/checkout-errors\.md\nPage: \/incidents\/checkout-errors\//,
    );
    expect(printed[3]).toMatch(/Page: \/maintenance\/database-upgrade\//);
  });

  test('the new incident has its page, its timeline newest first', () => {
    const html = readPage(site.dist, '/incidents/checkout-errors/');
    expect(html).toContain('<h1>Checkout errors</h1>');
    const timeline = [
      ...html.matchAll(
        /<li id="checkout-errors-[0-9t]+"><p class="meta"><strong>([A-Za-z]+)<\/strong>/g,
      ),
    ].map((m) => m[1]);
    expect(timeline).toEqual(['Identified', 'Investigating']);
    // readPage folds the white space next to tags.
    expect(html).toContain('Orders fail at<strong>checkout</strong>.');
    expect(html).toContain('<dt>Status</dt><dd><strong>Identified</strong>· Major impact</dd>');
  });

  test('the resolved incident shows Resolved, with the default message', () => {
    const html = readPage(site.dist, '/incidents/instagram-messages-delayed/');
    expect(html).toContain('<dt>Status</dt><dd><strong>Resolved</strong>· Minor impact</dd>');
    expect(html).toMatch(/<dt>Resolved<\/dt><dd><time datetime="2026-11-21T08:55:00.000Z">/);
    expect(html).toMatch(
      /<li id="instagram-messages-delayed-[0-9t]+"><p class="meta"><strong>Resolved<\/strong>/,
    );
    expect(html).toContain('This incident has been resolved.');
  });

  test('the maintenance window has its page', () => {
    const html = readPage(site.dist, '/maintenance/database-upgrade/');
    expect(html).toContain('<h1>Database upgrade</h1>');
    expect(html).toContain('Ordering pauses for up to an hour.');
  });
});
