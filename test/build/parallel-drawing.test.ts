/**
 * Share images drawn on worker threads make the same site as images drawn one by one in the
 * build's own thread: the global setup's build drew its images (an empty cache of its own) with
 * workers; this file builds the same content again with none, and compares every file's bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { parseImageSummary } from '../../src/lib/images/image-stats.ts';
import { distFiles } from '../support/dist.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

const parallel = inject('exampleSite');
const images = mkdtempSync(join(tmpdir(), 'heliograph-images-serial-'));
let serial: BuiltSite | undefined;

beforeAll(async () => {
  serial = await buildExampleSite({
    now: parallel.now,
    env: { HELIOGRAPH_IMAGE_CACHE: images, HELIOGRAPH_IMAGE_WORKERS: '0' },
  });
});
afterAll(() => {
  if (serial) removeSite(serial);
  rmSync(images, { recursive: true, force: true });
});

test('both builds drew every share image, none read from a cache', () => {
  for (const build of [parallel, serial!]) {
    const summary = parseImageSummary(build.output ?? '');
    expect(summary?.reused).toBe(0);
    expect(summary?.rendered).toBeGreaterThanOrEqual(10);
  }
});

test('workers or not, every file has the same bytes', () => {
  const a = distFiles(parallel.dist);
  const b = distFiles(serial!.dist);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  const differ = [...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!)).map(([p]) => p);
  expect(differ).toEqual([]);
  expect([...a.keys()].filter((p) => p.endsWith('.png')).length).toBeGreaterThanOrEqual(10);
});
