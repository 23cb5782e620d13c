import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';

test('the example site is built once for all tests', () => {
  const site = inject('exampleSite');
  expect(existsSync(join(site.dist, 'index.html'))).toBe(true);
});
