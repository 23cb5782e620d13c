/**
 * A build parses heliograph.yaml once, although astro.config.mjs, the content loader and the pages
 * each read it in a module graph of their own. The global setup (test/setup/example-site.ts)
 * builds the example with test/support/count-config-parses.mjs preloaded and passes on the count.
 */
import { expect, inject, test } from 'vitest';

test('one parse of the configuration per build', () => {
  expect(inject('exampleConfigParses')).toBe('1');
});
