/**
 * XSS: the vectors of test/fixtures/xss-vectors.txt (OWASP's filter evasion cheat sheet and
 * Markdown-specific ones) go into incident titles, update texts, technical details and
 * postmortems. Each must come out of renderMarkdown harmless, and a whole site built from them
 * must ship no script, no event handler, no script-bearing URL and no active element in its pages.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { OWN_SCRIPT } from '../support/dist.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';
import {
  CONTENT_FORBIDDEN,
  MARKDOWN_FORBIDDEN,
  PAGE_FORBIDDEN,
  tagsOf,
  unsafeParts,
} from './html-safety.ts';

/**
 * A start tag with its attributes, quoted or not, for the plain-regex checks. Unquoted values stop
 * at "/" and "=" (stricter than a browser, and no catastrophic backtracking); a tag this does not
 * match stays in the text, where the "<script" check still sees it.
 */
const TAG =
  /<([a-zA-Z][^\s/>]*)(?:[\s/]+[^\s/>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>=/]*))?)*[\s/]*>/g;

const VECTORS = readVectors(fileURLToPath(new URL('../fixtures/xss-vectors.txt', import.meta.url)));

/** `[name, vector]` rows for test.each; names keep control characters visible. */
const ROWS = VECTORS.map(
  (v, i) => [`${String(i + 1).padStart(3, '0')} ${JSON.stringify(v)}`, v] as const,
);

test('the fixture holds enough vectors', () => {
  expect(VECTORS.length).toBeGreaterThanOrEqual(40);
});

/** The incident page's share box (src/components/ShareBox.astro). */
const SHARE_BOX = /<section class="share"[\s\S]*?<\/section>/;
/** The site's own e-mail sign-up form (subscriptions.url of the example), checked on its own. */
const SIGNUP_FORM =
  /<form method="post" action="https:\/\/subscribe\.fornoaurora\.example\/subscribe" class="signup"[\s\S]*?<\/form>/;

describe('the checker', () => {
  test.each([
    ['<script>alert(1)</script>', 'forbidden element <script>'],
    ['<SCRIPT SRC=//x.example/x.js>', 'forbidden element <script>'],
    ['<img src=x onerror=alert(1)>', 'event handler onerror'],
    ['<svg/onload=alert(1)>', 'event handler onload'],
    ['<img/src="x"/onerror=alert(1)>', 'event handler onerror'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'dangerous URL in href'],
    ['<a href="&#106;avascript&colon;alert(1)">x</a>', 'dangerous URL in href'],
    ['<a href=" \u0001JaVaScRiPt:alert(1)">x</a>', 'dangerous URL in href'],
    ['<a href="java\nscript:alert(1)">x</a>', 'dangerous URL in href'],
    ['<a href="data:text/html,x">x</a>', 'dangerous URL in href'],
    ["<a href='vbscript:msgbox(1)'>x</a>", 'dangerous URL in href'],
    ['<form action=javascript:alert(1)>', 'dangerous URL in action'],
    ['<button formaction="javascript:alert(1)">', 'dangerous URL in formaction'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', 'meta http-equiv'],
    ['<iframe srcdoc="x"></iframe>', 'srcdoc'],
    ['<div style="width: expr/**/ession(alert(1))">', 'dangerous style'],
    ['<!-- a --><img src=x onerror=alert(1)>', 'event handler onerror'],
    ['<!--><img src=x onerror=alert(1)>', 'event handler onerror'],
  ])('flags %j', (html, finding) => {
    expect(unsafeParts(html, MARKDOWN_FORBIDDEN).join('\n')).toContain(finding);
  });

  test.each([
    '<p title="<script>alert(1)</script> onerror=x">text</p>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; onload=alert(1) javascript:alert(1)</p>',
    '<!-- <script>alert(1)</script> -->',
    '<title><img src=x onerror=alert(1)></title>',
    '<a href="https://example.com/?q=javascript:alert(1)">x</a>',
    '<a href="mailto:a@example.com">x</a> <a href="/incidents/a/">x</a>',
  ])('passes %j', (html) => {
    expect(unsafeParts(html, MARKDOWN_FORBIDDEN)).toEqual([]);
  });

  test('would catch most vectors if Markdown were not sanitized', () => {
    // Guards against a checker that passes everything: marked alone lets these through.
    const unsanitized = new Marked({ gfm: true, async: false });
    const caught = VECTORS.filter(
      (v) => unsafeParts(unsanitized.parse(v) as string, MARKDOWN_FORBIDDEN).length,
    );
    expect(caught.length).toBeGreaterThan(VECTORS.length * 0.75);
  });
});

describe('renderMarkdown', () => {
  test.each(ROWS)('%s', (_name, vector) => {
    expect(unsafeParts(renderMarkdown(vector), MARKDOWN_FORBIDDEN)).toEqual([]);
  });

  test.each(ROWS)('inline, between words: %s', (_name, vector) => {
    expect(unsafeParts(renderMarkdown(`Before ${vector} after.`), MARKDOWN_FORBIDDEN)).toEqual([]);
  });
});

describe('a site built from incidents full of XSS vectors', () => {
  let site: BuiltSite | undefined;
  let pages: { path: string; html: string }[] = [];

  beforeAll(async () => {
    site = await buildExampleSite({ adjust: writeXssIncidents });
    // The site's own script (the home page's "last checked", LastChecked.astro) is set apart by its
    // exact text, on the home page only: every other script element is still found below.
    const home = join(site.dist, 'index.html');
    pages = htmlFiles(site.dist).map((path) => {
      const html = readFileSync(path, 'utf8');
      return { path, html: path === home ? html.replace(OWN_SCRIPT, '') : html };
    });
  }, 300_000);

  afterAll(() => {
    if (site) removeSite(site);
  });

  test('has a page for every vector incident', () => {
    const incidentPages = pages.filter((p) =>
      /[/\\]incidents[/\\]xss-\d+[/\\]index\.html$/.test(p.path),
    );
    expect(incidentPages).toHaveLength(VECTORS.length);
  });

  test('the vectors reach the pages (so that the checks below check something)', () => {
    const page = incidentPage(VECTORS.indexOf('[XSS](javascript:alert(1))'));
    // The link survives as text without its href, in both updates and the postmortem.
    expect(page.match(/<a rel="nofollow noopener noreferrer">XSS<\/a>/g)).toHaveLength(3);
    const code = incidentPage(VECTORS.indexOf('`<script>alert(1)</script>`'));
    expect(code).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
  });

  test('no page contains a script element but the home page\'s own', () => {
    const withScript = pages.filter((p) => tagsOf(p.html).some((tag) => tag.name === 'script'));
    expect(withScript.map((p) => p.path)).toEqual([]);
    // The same with a plain regex: once every tag's attributes are dropped (an attribute value
    // may hold "<script" as text, e.g. a title in og:title), "<script" appears nowhere.
    const bare = (html: string): string => html.replace(TAG, (_tag, name: string) => `<${name}>`);
    const outside = pages.filter((p) => /<script/i.test(bare(p.html)));
    expect(outside.map((p) => p.path)).toEqual([]);
  });

  test('no page has an event handler, a script-bearing URL or an active element', () => {
    const findings = pages.flatMap((p) =>
      unsafeParts(p.html, PAGE_FORBIDDEN).map((f) => `${p.path}: ${f}`),
    );
    expect(findings).toEqual([]);
  });

  test('no event handler attribute anywhere (plain regex over every tag)', () => {
    const handlers = pages.flatMap((p) =>
      [...p.html.matchAll(TAG)]
        .filter((m) => /[\s/]on[^\s/>=]*\s*=/i.test(m[0].replace(/"[^"]*"|'[^']*'/g, '""')))
        .map((m) => `${p.path}: ${m[0]}`),
    );
    expect(handlers).toEqual([]);
  });

  test('page content (main) has no iframe, object, embed, base, meta, form or style', () => {
    const findings = pages.flatMap((p) => {
      const main = /<main\b[\s\S]*<\/main>/i.exec(p.html)?.[0] ?? '';
      // The share box's own text areas are checked on their own, below.
      const content = main.replace(SHARE_BOX, '').replace(SIGNUP_FORM, '');
      return unsafeParts(content, CONTENT_FORBIDDEN).map((f) => `${p.path}: ${f}`);
    });
    expect(findings).toEqual([]);
  });

  test('the sign-up form is the only form, once a page, with only its own fields', () => {
    const formsIn = (html: string): number => tagsOf(html).filter((t) => t.name === 'form').length;
    const forms = pages.filter((p) => formsIn(p.html) > 0);
    expect(forms.length).toBeGreaterThan(0);
    for (const p of forms) {
      expect(formsIn(p.html), p.path).toBe(1);
      const form = SIGNUP_FORM.exec(p.html)?.[0] ?? '';
      expect(form, p.path).not.toBe('');
      const names = tagsOf(form).flatMap((t) => [...t.source.matchAll(/\bname="([^"]*)"/g)].map((m) => m[1]));
      expect(new Set(names), p.path).toEqual(new Set(['back', 'email', 'component', 'website']));
      expect(unsafeParts(form, PAGE_FORBIDDEN), p.path).toEqual([]);
    }
  });

  test('the share box holds the vectors only as escaped text in its own text areas', () => {
    let boxes = 0;
    for (const p of pages) {
      const box = SHARE_BOX.exec(p.html)?.[0];
      if (!box) continue;
      boxes++;
      const areas = [...box.matchAll(/<textarea\b([^>]*)>([^<]*)<\/textarea>/g)];
      expect(areas.length, p.path).toBe((box.match(/<textarea\b/g) ?? []).length);
      for (const [, attributes, text] of areas) {
        expect(attributes, p.path).toMatch(/^ id="share-\d+" readonly rows="\d+"$/);
        expect(text, p.path).not.toMatch(/<\/?textarea/i);
      }
      expect(
        unsafeParts(box.replace(/<textarea\b[^>]*>[^<]*<\/textarea>/g, ''), CONTENT_FORBIDDEN),
        p.path,
      ).toEqual([]);
    }
    expect(boxes).toBeGreaterThan(100);
  });

  test('rendered Markdown blocks pass the Markdown policy', () => {
    const findings = pages.flatMap((p) =>
      [...p.html.matchAll(/<div class="md">([\s\S]*?)<\/div>/g)].flatMap((m) =>
        unsafeParts(m[1] ?? '', MARKDOWN_FORBIDDEN).map((f) => `${p.path}: ${f}`),
      ),
    );
    expect(findings).toEqual([]);
  });

  test('incident titles are escaped text', () => {
    const page = incidentPage(VECTORS.indexOf("<script>alert('XSS')</script>"));
    const n = String(VECTORS.indexOf("<script>alert('XSS')</script>") + 1);
    expect(page).toContain(`<h1>XSS ${n}: &lt;script&gt;alert(&#39;XSS&#39;)&lt;/script&gt;</h1>`);
    expect(page).toContain(`<title>XSS ${n}: &lt;script&gt;alert(&#39;XSS&#39;)&lt;/script&gt; · `);
    const img = incidentPage(VECTORS.indexOf('"><img src=x onerror=alert(1)>'));
    expect(img).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(img).not.toContain('"><img');
  });

  test('technical details are escaped text in their collapsed block', () => {
    const index = VECTORS.indexOf("<script>alert('XSS')</script>");
    const detail = /<details class="detail"[^>]*>([\s\S]*?)<\/details>/.exec(incidentPage(index));
    expect(detail?.[1]?.replace(/\s*(<[^>]+>)\s*/g, '$1')).toBe(
      '<summary>Technical detail</summary><p>&lt;script&gt;alert(&#39;XSS&#39;)&lt;/script&gt;</p>',
    );
  });

  function incidentPage(index: number): string {
    expect(index).toBeGreaterThanOrEqual(0);
    const path = join(site!.dist, 'incidents', incidentId(index), 'index.html');
    const page = pages.find((p) => p.path === path);
    if (!page) return expect.unreachable(`no page ${path}`);
    return page.html;
  }
});

// Helpers

/** Reads the vectors: one a line, `#` comments and blank lines skipped, `\t \n \r \0 \\` decoded. */
function readVectors(path: string): string[] {
  const escapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', '0': '\0', '\\': '\\' };
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\\([tnr0\\])/g, (_, c: string) => escapes[c] ?? c));
}

function incidentId(index: number): string {
  return `xss-${String(index + 1).padStart(3, '0')}`;
}

/**
 * One incident per vector: the vector is its title, its first update and that update's technical
 * detail, part of its second, and its postmortem. Every other incident is left unresolved so that the home page shows its latest update.
 */
function writeXssIncidents(content: string): void {
  const base = Date.parse('2026-11-19T00:00:00Z');
  const minute = 60_000;
  VECTORS.forEach((vector, i) => {
    const started = base + i * 10 * minute;
    const frontMatter = {
      title: `XSS ${i + 1}: ${vector}`,
      impact: 'minor',
      updates: [
        {
          at: new Date(started).toISOString(),
          status: 'investigating',
          text: vector,
          // Plain text, shown collapsed: it must come out escaped, never as markup.
          ...(vector.trim() ? { detail: vector } : {}),
        },
        {
          at: new Date(started + 5 * minute).toISOString(),
          status: i % 2 ? 'monitoring' : 'resolved',
          text: `Before ${vector} after.`,
        },
      ],
    };
    const text = `---\n${stringify(frontMatter)}---\n\n## Postmortem\n\n${vector}\n`;
    writeFileSync(join(content, 'incidents', `${incidentId(i)}.md`), text);
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
