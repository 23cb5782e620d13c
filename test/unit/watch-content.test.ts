/**
 * `astro dev` reloads content once its inputs have been quiet for a moment: a save reported as
 * several changes, or a checkout of many files, is one load, and content that does not load is
 * printed, never thrown (it would stop the server). A watcher that reports as chokidar does
 * (`add`, `change`, `unlink` with a path) stands in for Astro's; a real dev server over real
 * saves is test/build/dev-mode.test.ts.
 */
import { EventEmitter } from 'node:events';
import type { LoaderContext } from 'astro/loaders';
import { expect, test } from 'vitest';
import { SETTLE_MS, watchContent } from '../../src/lib/content/loader.ts';
import { ContentError } from '../../src/lib/validation/friendly-errors.ts';

class Watcher extends EventEmitter {
  added: string[] = [];
  add(paths: string[]): void {
    this.added.push(...paths);
  }
}

function watched(load: () => void) {
  const watcher = new Watcher();
  const errors: string[] = [];
  const context = { watcher, logger: { error: (m: string) => errors.push(m) } };
  watchContent(context as unknown as LoaderContext, {
    paths: ['/site/content/incidents'],
    concerns: (path) => path.startsWith('/site/content/incidents/'),
    load,
  });
  return { watcher, errors };
}

const settled = () => new Promise((done) => setTimeout(done, SETTLE_MS * 3));

test('a burst of changes is one load, after the inputs are quiet', async () => {
  let loads = 0;
  const { watcher } = watched(() => loads++);
  expect(watcher.added).toEqual(['/site/content/incidents']);
  watcher.emit('change', '/site/content/incidents/a.md');
  watcher.emit('change', '/site/content/incidents/a.md');
  watcher.emit('add', '/site/content/incidents/b.md');
  watcher.emit('unlink', '/site/content/incidents/c.md');
  expect(loads, 'nothing is read while the files may still be half written').toBe(0);
  await settled();
  expect(loads).toBe(1);
  watcher.emit('change', '/site/content/incidents/a.md');
  await settled();
  expect(loads).toBe(2);
});

test('changes to files the loader does not read load nothing', async () => {
  let loads = 0;
  const { watcher } = watched(() => loads++);
  watcher.emit('change', '/site/content/maintenance/a.md');
  watcher.emit('change', '/site/src/pages/index.astro');
  await settled();
  expect(loads).toBe(0);
});

test('content that does not load is printed, and so is an unexpected error', async () => {
  let fail: Error = new ContentError([
    { file: 'incidents/a.md', line: 2, column: 1, field: 'title', message: 'required' },
  ]);
  const { watcher, errors } = watched(() => {
    throw fail;
  });
  watcher.emit('change', '/site/content/incidents/a.md');
  await settled();
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('incidents/a.md:2:1 title: required');
  fail = new TypeError('a bug');
  watcher.emit('change', '/site/content/incidents/a.md');
  await settled();
  expect(errors[1]).toMatch(/^cannot load: TypeError: a bug/);
});
