/**
 * The example build's share images: one per page kind and id, each a 1200×630 PNG with real
 * content; and the head of every page points at one, with absolute URLs that resolve in dist/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { fileOf, htmlFiles, readPage } from '../support/dist.ts';
import { decodePng, distinctColours } from './png.ts';

const site = inject('exampleSite');
const { url, base } = loadConfig(site.content).site;
const origin = new URL(base, url).href;

/** Every share image under dist/ (a PNG logo copied from content is not one). */
function shareImageFiles(dist: string): string[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^og-[0-9a-f]{16}\.png$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The `content` of `<meta property|name="key">`, every one of them. */
function metas(html: string, key: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(
    /<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"\s*\/?>/g,
  )) {
    if (m[1] === key) found.push(m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  return found;
}

function one(html: string, key: string): string {
  const values = metas(html, key);
  expect(values, key).toHaveLength(1);
  return values[0]!;
}

/** The dist file an absolute URL of the site stands for. */
function fileOfUrl(absolute: string): string {
  expect(absolute.startsWith(origin), `${absolute} is under ${origin}`).toBe(true);
  return fileOf(site.dist, `/${absolute.slice(origin.length)}`);
}

describe('share images in dist/', () => {
  const files = shareImageFiles(site.dist);

  test('one for the home page, each incident and each component, named by hash', () => {
    const names = files.map((f) => relative(site.dist, f)).sort();
    expect(names.length).toBeGreaterThan(10);
    const incidents = readdirSync(join(site.dist, 'incidents'));
    const components = readdirSync(join(site.dist, 'components'));
    expect(names.filter((n) => /^og-[0-9a-f]{16}\.png$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^incidents\/[^/]+\/og-[0-9a-f]{16}\.png$/.test(n))).toHaveLength(
      incidents.length,
    );
    expect(names.filter((n) => /^components\/[^/]+\/og-[0-9a-f]{16}\.png$/.test(n))).toHaveLength(
      components.length,
    );
    expect(names).toHaveLength(1 + incidents.length + components.length);
  });

  test.each(files.map((f) => [relative(site.dist, f), f]))(
    '%s is 1200×630 and not blank',
    (_, file) => {
      const png = decodePng(readFileSync(file));
      expect([png.width, png.height]).toEqual([1200, 630]);
      // Text is anti-aliased: a drawn card has dozens of shades, a blank one a single colour.
      expect(distinctColours(png)).toBeGreaterThan(16);
    },
  );
});

describe('head tags', () => {
  const incident = readdirSync(join(site.dist, 'incidents'))[0]!;
  const component = readdirSync(join(site.dist, 'components'))[0]!;
  const pages = [
    { path: '/', image: /^og-[0-9a-f]{16}\.png$/, type: 'website' },
    {
      path: `/incidents/${incident}/`,
      image: new RegExp(`^incidents/${incident}/og-[0-9a-f]{16}\\.png$`),
      type: 'article',
    },
    {
      path: `/components/${component}/`,
      image: new RegExp(`^components/${component}/og-[0-9a-f]{16}\\.png$`),
      type: 'website',
    },
  ];

  test.each(pages)(
    '$path has every tag, with absolute URLs that resolve in dist/',
    ({ path, image, type }) => {
      const html = readPage(site.dist, path);
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
      expect(canonical).toBe(`${origin}${path.slice(1)}`);
      expect(one(html, 'og:url')).toBe(canonical);
      expect(one(html, 'og:title')).not.toBe('');
      expect(one(html, 'og:description')).not.toBe('');
      expect(one(html, 'og:type')).toBe(type);
      expect(one(html, 'twitter:card')).toBe('summary_large_image');
      expect(one(html, 'og:image:width')).toBe('1200');
      expect(one(html, 'og:image:height')).toBe('630');
      const alt = one(html, 'og:image:alt');
      expect(alt).toMatch(/^\S.{20,}\.$/);

      const src = one(html, 'og:image');
      expect(src).toMatch(/^https:\/\//);
      expect(src.slice(origin.length)).toMatch(image);
      const file = fileOfUrl(src);
      expect(existsSync(file), `${src} → ${file}`).toBe(true);
      expect(decodePng(readFileSync(file)).width).toBe(1200);
      expect(existsSync(fileOfUrl(canonical!))).toBe(true);
    },
  );

  test('the alt text says what each image shows', () => {
    const home = readPage(site.dist, '/');
    const indicator = /<h1>([^<]+)<\/h1>/.exec(home)?.[1];
    expect(one(home, 'og:image:alt')).toContain(indicator);
    const page = readPage(site.dist, `/incidents/${incident}/`);
    const title = /<h1>([^<]+)<\/h1>/.exec(page)?.[1];
    expect(one(page, 'og:image:alt')).toContain(title);
  });

  test('every page has a share image; pages without their own show the home page’s', () => {
    const homeImage = one(readPage(site.dist, '/'), 'og:image');
    const own = /\/(incidents|components)\/[^/]+\/index\.html$|^\/index\.html$/;
    for (const file of htmlFiles(site.dist)) {
      const where = file.slice(site.dist.length);
      const html = readFileSync(file, 'utf8');
      const src = one(html, 'og:image');
      expect(existsSync(fileOfUrl(src)), where).toBe(true);
      expect(one(html, 'twitter:card'), where).toBe('summary_large_image');
      if (!own.test(where)) expect(src, where).toBe(homeImage);
    }
  });
});
