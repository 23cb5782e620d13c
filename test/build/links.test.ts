/**
 * Every link in the built site leads somewhere: internal paths and fragments resolve to files in
 * dist/, absolute URLs on the site's own origin stay under its base. The site under a sub-path,
 * as on a GitHub Pages project site, is checked where it is built: test/integrate/integrate.test.ts.
 */
import { describe, expect, inject, test } from 'vitest';
import { brokenLinks } from '../support/links.ts';

describe('site at the domain root', () => {
  test('every internal link and fragment resolves', () => {
    const site = inject('exampleSite');
    expect(brokenLinks(site.dist, '/')).toEqual([]);
  });
});
