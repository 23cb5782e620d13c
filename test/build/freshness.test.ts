/**
 * Freshness in the built site: the example built at its own "now" carries "Last checked" with the
 * sample time and the limit for the inline script, its warning hidden; the same content built an
 * hour after its checks stopped shows the warning without any script, and its API, share image and
 * feeds keep the time of the newest sample. The inline script is the only script of the site,
 * inline, and within its gzip budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { INLINE_SCRIPT_GZIP_BUDGET, pageScripts } from '../../src/lib/browser/inline-scripts.ts';
import { htmlFiles, OWN_SCRIPT, readPage } from '../support/dist.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

const fresh = inject('exampleSite');
/** The example's newest sample (its generation time), as the page writes it. */
const SAMPLE = '2026-11-21T09:00:00.000Z';
const SHOWN = 'Nov 21, 2026, 10:00 AM GMT+1';
// As readPage gives it: the white space next to tags folded away.
const WARNING = `<strong>Checks delayed since ${SHOWN}.</strong>The status shown may be out of date.`;
const SCRIPT = OWN_SCRIPT.slice('<script>'.length, -'</script>'.length);

describe('built while the checks run', () => {
  const home = readPage(fresh.dist, '/');

  test('"Last checked" carries the sample time and the limit (three 5-minute intervals)', () => {
    expect(home).toContain(
      `<p id="last-checked" data-checked="${SAMPLE}" data-stale-after="900000">Last checked:<time datetime="${SAMPLE}">${SHOWN}</time></p>`,
    );
  });

  test('the warning is there for the script, hidden', () => {
    expect(home).toContain(`<p id="checks-delayed" role="status" hidden>${WARNING}</p>`);
  });

  test('the one script of the site: inline on the home page, the shipped code, within budget', () => {
    const html = readFileSync(join(fresh.dist, 'index.html'), 'utf8');
    const { inline, external } = pageScripts(html);
    expect(external).toEqual([]);
    expect(inline).toEqual([SCRIPT]);
    const gzipped = gzipSync(inline[0]!, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(INLINE_SCRIPT_GZIP_BUDGET);
    const others = htmlFiles(fresh.dist).filter(
      (file) =>
        file !== join(fresh.dist, 'index.html') && /<script/i.test(readFileSync(file, 'utf8')),
    );
    expect(others).toEqual([]);
  });
});

describe('built an hour after the checks stopped', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildExampleSite({ builtAt: '2026-11-21T10:00:00Z' });
  }, 180_000);
  afterAll(() => site && removeSite(site));

  test('the banner says since when, without any script', () => {
    const home = readPage(site.dist, '/');
    expect(home).toContain(`<p id="checks-delayed" role="status">${WARNING}</p>`);
    expect(home).toContain(`data-checked="${SAMPLE}"`);
  });

  test('the share image says so too', () => {
    const alt = /<meta property="og:image:alt" content="([^"]*)"/.exec(readPage(site.dist, '/'));
    expect(alt?.[1]).toContain(`Checks delayed since ${SHOWN}.`);
  });

  test("the API's updated_at is the newest sample, not the build time", () => {
    const status = JSON.parse(readFileSync(join(site.dist, 'api/v2/status.json'), 'utf8')) as {
      page: { updated_at: string };
    };
    expect(status.page.updated_at).toBe(SAMPLE);
  });
});
