/** The cache folder's rules, without a build: read or draw, damaged entries, pruning, hashes. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cachedImage, imageHash, pruneImageCache } from '../../src/lib/images/image-cache.ts';
import {
  emptyImageStats,
  imageSummary,
  parseImageSummary,
} from '../../src/lib/images/image-stats.ts';
import { COMPONENT, HOME, INCIDENT } from './cards.ts';

const DAY = 86_400_000;
const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));

describe('cachedImage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heliograph-cache-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('draws once, then reads; counts both', async () => {
    const stats = emptyImageStats();
    let draws = 0;
    const draw = (): Promise<Buffer> => {
      draws++;
      return Promise.resolve(png);
    };
    const first = await cachedImage({ dir, hash: '0123456789abcdef', draw, stats });
    const second = await cachedImage({ dir, hash: '0123456789abcdef', draw, stats });
    expect(draws).toBe(1);
    expect(second.equals(first)).toBe(true);
    expect(stats).toMatchObject({ rendered: 1, reused: 1, problems: [] });
    expect(readdirSync(dir)).toEqual(['0123456789abcdef.png']);
  });

  test('a damaged entry is drawn again and replaced', async () => {
    writeFileSync(join(dir, '0123456789abcdef.png'), png.subarray(0, png.length - 10));
    const stats = emptyImageStats();
    await cachedImage({ dir, hash: '0123456789abcdef', draw: () => Promise.resolve(png), stats });
    expect(stats.rendered).toBe(1);
    expect(readFileSync(join(dir, '0123456789abcdef.png')).equals(png)).toBe(true);
  });

  test('an unusable cache folder serves the image and records the problems', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const stats = emptyImageStats();
    const out = await cachedImage({
      dir: file,
      hash: '0123456789abcdef',
      draw: () => Promise.resolve(png),
      stats,
    });
    expect(out.equals(png)).toBe(true);
    expect(stats.problems.map((e) => e.message.split(' ')[1])).toEqual(['read', 'store']);
  });

  test('pruning removes entries unused for 30 days and old temporary files, nothing else', () => {
    const now = Date.now();
    const put = (name: string, ageMs: number): void => {
      writeFileSync(join(dir, name), png);
      const at = new Date(now - ageMs);
      utimesSync(join(dir, name), at, at);
    };
    put('aaaaaaaaaaaaaaaa.png', 31 * DAY);
    put('bbbbbbbbbbbbbbbb.png', 29 * DAY);
    put('cccccccccccccccc.png.tmp-1-ab', 2 * 3_600_000);
    put('dddddddddddddddd.png.tmp-1-cd', 60_000);
    put('README', 400 * DAY);
    expect(pruneImageCache(dir, now)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([
      'README',
      'bbbbbbbbbbbbbbbb.png',
      'dddddddddddddddd.png.tmp-1-cd',
    ]);
  });
});

describe('imageHash', () => {
  const parts = { template: 1, fonts: 'f' };
  test('names each card by its content, template version and fonts', () => {
    const hashes = [HOME, INCIDENT, COMPONENT].map((c) => imageHash(c, parts));
    expect(new Set(hashes).size).toBe(3);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(imageHash({ ...INCIDENT }, parts)).toBe(hashes[1]);
    expect(imageHash({ ...INCIDENT, title: 'Other' }, parts)).not.toBe(hashes[1]);
    expect(imageHash(INCIDENT, { ...parts, template: 2 })).not.toBe(hashes[1]);
    expect(imageHash(INCIDENT, { ...parts, fonts: 'g' })).not.toBe(hashes[1]);
    expect(imageHash({ ...INCIDENT, brand: { ...INCIDENT.brand, logo: 'other' } }, parts)).not.toBe(
      hashes[1],
    );
  });
});

test('the summary line reads back', () => {
  const line = imageSummary({
    ...emptyImageStats(),
    rendered: 3,
    reused: 17,
    renderMs: 120.4,
    reuseMs: 2.6,
  });
  expect(line).toBe(
    '[heliograph] share images: rendered 3, reused 17 (drawing 120 ms, reading 3 ms)',
  );
  expect(parseImageSummary(`x\n${line}\ny`)).toEqual({
    rendered: 3,
    reused: 17,
    renderMs: 120,
    reuseMs: 3,
  });
});
