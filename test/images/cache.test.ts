/**
 * The image cache across builds: with unchanged content nothing is drawn again, and a changed
 * incident redraws exactly the images that show it. The cache starts as the example build's own
 * images (the global setup's), so this file needs two builds, not three.
 */
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { writeExample } from '../../src/lib/example/write.ts';
import { parseImageSummary } from '../../src/lib/images/image-stats.ts';
import { PINNED_NOW } from '../support/example-site.ts';

const example = inject('exampleSite');

/** Share images of a dist folder: site path → file name (which carries the hash). */
function images(dist: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/^og-[0-9a-f]{16}\.png$/.test(e.name)) continue;
    found.set(relative(dist, e.parentPath) || '/', e.name);
  }
  return found;
}

interface Build {
  root: string;
  dist: string;
  /** What the build printed. */
  output: string;
}

/** Builds the example content, changed by `adjust`, keeping the build's output. */
async function buildExample(adjust?: (content: string) => void): Promise<Build> {
  const root = mkdtempSync(join(tmpdir(), 'heliograph-cache-site-'));
  const content = join(root, 'content');
  const dist = join(root, 'dist');
  writeExample({ out: content, now: Date.parse(PINNED_NOW) });
  adjust?.(content);
  const { output } = await buildSite({ content, out: dist, now: PINNED_NOW });
  return { root, dist, output };
}

/** The places whose image differs between two builds. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after]
    .filter(([where, name]) => before.get(where) !== name)
    .map(([where]) => where)
    .sort();
}

describe('image cache', () => {
  const cache = mkdtempSync(join(tmpdir(), 'heliograph-image-cache-'));
  const before = process.env['HELIOGRAPH_IMAGE_CACHE'];
  const original = images(example.dist);
  const built: Build[] = [];
  let unchanged: Build;
  let retitled: Build & { incident: string };

  beforeAll(async () => {
    // The example build's images are what a previous build left in the cache.
    for (const e of readdirSync(example.dist, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && /^og-[0-9a-f]{16}\.png$/.test(e.name)) {
        copyFileSync(join(e.parentPath, e.name), join(cache, e.name.slice(3)));
      }
    }
    process.env['HELIOGRAPH_IMAGE_CACHE'] = cache;
    const unresolved = JSON.parse(
      readFileSync(join(example.dist, 'api/v2/incidents/unresolved.json'), 'utf8'),
    ) as { incidents: { id: string }[] };
    const incident = unresolved.incidents[0]!.id;

    unchanged = await buildExample();
    built.push(unchanged);
    const second = await buildExample((content) => {
      const file = join(content, 'incidents', `${incident}.md`);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/^title: .*$/m, 'title: Messages delayed — now photos too'));
    });
    built.push(second);
    retitled = { ...second, incident };
  });

  afterAll(() => {
    if (before === undefined) delete process.env['HELIOGRAPH_IMAGE_CACHE'];
    else process.env['HELIOGRAPH_IMAGE_CACHE'] = before;
    if (!process.env['HELIOGRAPH_KEEP_SITES']) {
      for (const site of built) rmSync(site.root, { recursive: true, force: true });
    }
    rmSync(cache, { recursive: true, force: true });
  });

  test('a second build with unchanged content draws no image', () => {
    const summary = parseImageSummary(unchanged.output);
    expect(summary).toMatchObject({ rendered: 0, reused: original.size });
    expect(images(unchanged.dist)).toEqual(original);
  });

  test('retitling an incident under way redraws its image and the home image (which names it), nothing else', () => {
    const now = images(retitled.dist);
    expect(changed(original, now)).toEqual(['/', `incidents/${retitled.incident}`]);
    const summary = parseImageSummary(retitled.output);
    expect(summary).toMatchObject({ rendered: 2, reused: original.size - 2 });
    // The new pictures are in the cache for the next build.
    expect(readdirSync(cache).filter((n) => n.endsWith('.png'))).toHaveLength(original.size + 2);
    expect(basename(now.get('/')!)).not.toBe(original.get('/'));
  });
});
