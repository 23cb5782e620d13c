/**
 * The front door and the docs stay true: the README stays short, every relative link in it and in
 * docs/ leads to a file (and heading) that exists, the docs' table of pinned actions is the
 * workflows', and no file cites a document that is not in the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** The README must fit a newcomer's first read; everything else lives in docs/. */
const README_MAX_BYTES = 12_000;
/** The screenshot in the README must not make the repository heavy. */
const IMAGE_MAX_BYTES = 150_000;

const DOCS = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name)),
];

/** The text a heading shows (code spans without their backticks, links by their words). */
function plainText(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) =>
      'tokens' in t && t.tokens ? plainText(t.tokens) : 'text' in t ? String(t.text) : '',
    )
    .join('');
}

/** Anchors GitHub gives a Markdown file's headings. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  void marked.walkTokens(marked.lexer(readFileSync(file, 'utf8')), (token) => {
    if (token.type === 'heading')
      anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
  });
  return anchors;
}

/** Links and images of a Markdown file, outside code. */
function linksOf(file: string): string[] {
  const links: string[] = [];
  void marked.walkTokens(marked.lexer(readFileSync(file, 'utf8')), (token) => {
    if (token.type === 'link' || token.type === 'image') links.push((token as Tokens.Link).href);
  });
  return links;
}

describe('README', () => {
  test(`is at most ${README_MAX_BYTES.toLocaleString('en')} bytes`, () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  test('shows a picture of the page, small enough to keep', () => {
    const images = linksOf(join(ROOT, 'README.md')).filter((l) => l.endsWith('.png'));
    expect(images).toEqual(['docs/images/home.png']);
    expect(statSync(join(ROOT, images[0]!)).size).toBeLessThanOrEqual(IMAGE_MAX_BYTES);
  });

  test('links every page of docs/', () => {
    const linked = new Set(linksOf(join(ROOT, 'README.md')).map((l) => l.split('#')[0]));
    for (const file of DOCS.filter((f) => f.includes(`${join('docs', '')}`))) {
      expect(linked, relative(ROOT, file)).toContain(relative(ROOT, file));
    }
  });
});

test('every relative link in README.md and docs/ leads to a file, and to a heading in it', () => {
  const anchors = new Map<string, Set<string>>();
  const broken: string[] = [];
  for (const file of DOCS) {
    for (const link of linksOf(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:…
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(ROOT, file)}: ${link}`;
      if (!existsSync(target)) {
        broken.push(`${where} (no such file)`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!target.endsWith('.md')) {
        broken.push(`${where} (an anchor in a file that is not Markdown)`);
        continue;
      }
      if (!anchors.has(target)) anchors.set(target, anchorsOf(target));
      if (!anchors.get(target)!.has(anchor)) broken.push(`${where} (no heading #${anchor})`);
    }
  }
  expect(broken).toEqual([]);
});

test('the pinned actions table in docs/going-live.md is what the workflows use', () => {
  const table = new Map<string, string>();
  for (const m of readFileSync(join(ROOT, 'docs/going-live.md'), 'utf8').matchAll(
    /^\| (actions\/[\w-]+) +\| (v[\d.]+) +\| ([0-9a-f]{40}) \|$/gm,
  )) {
    table.set(`${m[1]}@${m[3]}`, m[2]!);
  }
  const used = new Map<string, string>();
  const folder = join(ROOT, '.github/workflows');
  for (const name of readdirSync(folder)) {
    for (const m of readFileSync(join(folder, name), 'utf8').matchAll(
      /uses: ([\w-]+\/[\w-]+)@([0-9a-f]{40}) # (v[\d.]+)/g,
    )) {
      used.set(`${m[1]}@${m[2]}`, m[3]!);
    }
  }
  expect(used.size).toBeGreaterThan(0);
  expect(Object.fromEntries(table)).toEqual(Object.fromEntries(used));
});

test('no file in the repository cites a document that is not in it', () => {
  // Written in pieces, so that this file does not cite them itself.
  const absent = ['PRODUCT', 'STYLE'].map((name) => `${name}.md`);
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
  expect(files.length).toBeGreaterThan(100);
  const citing = files.filter((f) => {
    const text = readFileSync(join(ROOT, f), 'latin1');
    return absent.some((name) => text.includes(name));
  });
  expect(citing).toEqual([]);
});
