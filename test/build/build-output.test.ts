/**
 * A build of valid content prints what it did and nothing to worry about: no warning (sanitize-html
 * once warned of `script` and `style` on every feed entry) and no stack trace.
 */
import { expect, inject, test } from 'vitest';

const site = inject('exampleSite');

test('the example builds without a warning or a stack trace', () => {
  const lines = (site.output ?? '').split('\n');
  expect(lines.some((line) => line.includes('Complete!'))).toBe(true);
  const worrying = lines.filter((line) =>
    /\bwarn(ing)?\b|⚠|vulnerable|^\s+at\s|stack trace|\berror\b/i.test(line),
  );
  expect(worrying).toEqual([]);
});
