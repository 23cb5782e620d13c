/**
 * Page keys (src/lib/build-cache/page-key.ts) tell a rebuild which pages it may copy: two inputs
 * that render differently must never share a key, including what JSON alone would drop.
 */
import { expect, test } from 'vitest';
import { pageKey, siteKey } from '../../src/lib/build-cache/page-key.ts';
import { loadConfig } from '../../src/lib/config/load.ts';

test('equal inputs give equal keys', () => {
  expect(pageKey({ a: 1, b: [2, 3] }, 'x')).toBe(pageKey({ a: 1, b: [2, 3] }, 'x'));
});

test('a Map counts by its entries, a Set by its values, a pattern by its source', () => {
  expect(pageKey(new Map([['web', 1]]))).not.toBe(pageKey(new Map([['web', 2]])));
  expect(pageKey(new Set(['a']))).not.toBe(pageKey(new Set(['b'])));
  expect(pageKey(/ok/)).not.toBe(pageKey(/down/));
});

test('the parts count in their order, and null apart from a value', () => {
  expect(pageKey('a', 'b')).not.toBe(pageKey('b', 'a'));
  expect(pageKey(null)).not.toBe(pageKey(1_700_000_000_000));
});

test('the site-wide key follows the configuration, every component status and what is added', () => {
  // The example's configuration, as a build reads it; statuses as the model gives them.
  const config = loadConfig(new URL('../../content', import.meta.url).pathname);
  const components = config.components.map((c) => ({ id: c.id, status: 'operational' as const }));
  const key = siteKey({ config, components }, { stylesheet: 'a' });
  expect(siteKey({ config, components }, { stylesheet: 'a' })).toBe(key);
  // A component's status reaches the share texts of other incidents (the channels they offer).
  const down = components.map((c, i) => (i === 0 ? { ...c, status: 'major_outage' as const } : c));
  expect(siteKey({ config, components: down }, { stylesheet: 'a' })).not.toBe(key);
  const renamed = { ...config, site: { ...config.site, title: 'Another title' } };
  expect(siteKey({ config: renamed, components }, { stylesheet: 'a' })).not.toBe(key);
  expect(siteKey({ config, components }, { stylesheet: 'b' })).not.toBe(key);
});
