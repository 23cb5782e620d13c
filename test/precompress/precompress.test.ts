/**
 * Pre-compressed copies: `.gz` and `.br` beside each text file that they make smaller, exactly the
 * file once decompressed; other files untouched; a second pass reads every copy from the cache.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { precompress, prunePrecompressCache } from '../../src/lib/precompress/precompress.ts';

const PAGE = `<!doctype html><title>x</title>${'<p>Everything works as it should.</p>'.repeat(50)}`;
let root: string;
let site: string;
let cache: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'heliograph-precompress-'));
  site = join(root, 'dist');
  cache = join(root, 'cache');
  mkdirSync(join(site, 'incidents', 'a'), { recursive: true });
  writeFileSync(join(site, 'index.html'), PAGE);
  writeFileSync(join(site, 'incidents', 'a', 'index.html'), PAGE.replace('x', 'a'));
  writeFileSync(join(site, 'feed.json'), JSON.stringify({ items: Array(40).fill({ a: 'b' }) }));
  writeFileSync(join(site, 'status.json'), '{}'); // too small to shrink
  writeFileSync(join(site, 'og.png'), Buffer.alloc(500)); // not a text format
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file of the site, relative, sorted. */
function files(): string[] {
  return readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(site, join(e.parentPath, e.name)))
    .sort();
}

test('writes .gz and .br beside each text file they make smaller, and nothing else', async () => {
  const stats = await precompress({ dir: site, cacheDir: cache });
  expect(files()).toEqual([
    'feed.json',
    'feed.json.br',
    'feed.json.gz',
    'incidents/a/index.html',
    'incidents/a/index.html.br',
    'incidents/a/index.html.gz',
    'index.html',
    'index.html.br',
    'index.html.gz',
    'og.png',
    'status.json',
  ]);
  for (const name of ['index.html', 'incidents/a/index.html', 'feed.json']) {
    const original = readFileSync(join(site, name));
    expect(gunzipSync(readFileSync(join(site, `${name}.gz`))).equals(original)).toBe(true);
    expect(brotliDecompressSync(readFileSync(join(site, `${name}.br`))).equals(original)).toBe(
      true,
    );
  }
  expect(stats).toMatchObject({ files: 4, compressed: 8, reused: 0, skipped: 2, problems: [] });
});

test('a second pass over the same files compresses nothing: every copy comes from the cache', async () => {
  await precompress({ dir: site, cacheDir: cache });
  const first = readFileSync(join(site, 'index.html.br'));
  for (const f of files().filter((f) => /\.(gz|br)$/.test(f))) rmSync(join(site, f));
  writeFileSync(join(site, 'index.html'), PAGE.replace('x', 'changed'));
  const stats = await precompress({ dir: site, cacheDir: cache });
  expect(stats).toMatchObject({ compressed: 2, reused: 6, problems: [] });
  expect(readFileSync(join(site, 'index.html.br')).equals(first)).toBe(false);
  expect(brotliDecompressSync(readFileSync(join(site, 'index.html.br'))).toString()).toContain(
    '<title>changed</title>',
  );
});

test('copies no build used for a month leave the cache', async () => {
  await precompress({ dir: site, cacheDir: cache });
  const now = Date.now();
  const entries = readdirSync(cache);
  expect(entries).toHaveLength(8);
  const old = new Date(now - 31 * 86_400_000);
  for (const name of entries.slice(0, 3)) utimesSync(join(cache, name), old, old);
  expect(prunePrecompressCache(cache, now)).toBe(3);
  expect(readdirSync(cache)).toHaveLength(5);
});
