/**
 * Page keys (src/lib/build-cache/page-key.ts) tell a rebuild which pages it may copy: two inputs
 * that render differently must never share a key, including what JSON alone would drop.
 */
import { expect, test } from 'vitest';
import { pageKey } from '../../src/lib/build-cache/page-key.ts';

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
