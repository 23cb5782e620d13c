/**
 * Hostile text, end to end, through every input at once: a dependency's status page that names
 * itself in Markdown (a phishing link, an `@team` mention, a tracking image) with terminal escapes;
 * a GitHub issue and comment full of ANSI escapes, NUL, C1 controls, U+FFFF and a lone surrogate;
 * an incident file holding raw controls and YAML escapes of them; contact channels named
 * `E-mail $' orders` and `Phone $& line`. The prober and the sync run for real (the fake GitHub,
 * a local status page), Astro builds the site, and then:
 * - every feed parses strictly (XML 1.0 characters included), and no file carries a control;
 * - the GitHub issue the prober opened shows the third party's words as code, not as a link;
 * - `/embed.js` runs, and shows the channels' names as written.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script, createContext } from 'node:vm';
import { Marked } from 'marked';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { loadConfig } from '../../src/lib/config/load.ts';
import { createGithubClient } from '../../src/lib/github/client.ts';
import { syncIssues } from '../../src/lib/github/sync.ts';
import { parseAtomStrict, parseJsonFeedStrict, parseRssStrict } from '../integrate/feed-parsing.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { probeInProcess } from '../support/probe-in-process.ts';
import { startHttpServer, type TestHttpServer } from '../support/probe-servers/http.ts';

/** The probe runs on the clock, so the rest follows it: the issue a little earlier, the build later. */
const T0 = Date.now();
const MINUTE = 60_000;

/** Characters no published text may hold: C0 but tab, LF, CR; DEL and C1; U+FFFE, U+FFFF. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;
/** The same, escaped in JSON. */
const ESCAPED_CONTROL = /\\u00(?:0[0-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])|\\uff(?:fe|ff)/i;
/** A surrogate without its other half, raw or escaped in JSON. */
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i;

let root = '';
let content = '';
let dist = '';
let web: TestHttpServer;
let github: FakeGithub;

beforeAll(async () => {
  [web, github] = await Promise.all([startHttpServer(), FakeGithub.start()]);
  github.setRole('alice', 'admin');
  root = mkdtempSync(join(tmpdir(), 'heliograph-hostile-'));
  content = join(root, 'content');
  dist = join(root, 'dist');
  mkdirSync(join(content, 'incidents'), { recursive: true });
  writeFileSync(join(content, 'heliograph.yaml'), config(`${web.url}/hostile`));
  writeFileSync(join(content, 'incidents', '2026-11-21-raw.md'), RAW_INCIDENT);

  // The prober: the dependency is down, an automatic incident and its GitHub issue are opened.
  const probe = await probeInProcess(['--content', content], {
    env: { GITHUB_REPOSITORY: `${github.owner}/${github.repo}` },
    github,
  });
  expect(probe.code, probe.out).toBe(0);

  // An editor's issue and comment, as a terminal or a careless paste would leave them.
  const issue = github.addIssue({
    title: 'Checkout \u001b[31mdown\u001b[0m\u0000 \ud800!',
    body: 'Orders fail.\u0007 \u001b]0;pwned\u0007Card \u0085payments\r\nfail.',
    author: 'alice',
    labels: ['incident', 'component:email=down'],
    at: new Date(T0 - 20 * MINUTE).toISOString(),
  });
  github.addComment(issue.number, {
    author: 'alice',
    body: 'Identified: a \u0000bad \u001b[1mdeploy\u001b[0m\uffff \udc00rolled back',
    at: new Date(T0 - 10 * MINUTE).toISOString(),
  });
  const log: string[] = [];
  const report = await syncIssues({
    client: createGithubClient({ token: github.token, baseUrl: github.url, backoffUnitMs: 1 }),
    repo: { owner: github.owner, repo: github.repo },
    contentDir: content,
    config: loadConfig(content),
    log: (line) => log.push(line),
  });
  expect(report.failed, log.join('\n')).toEqual([]);

  await buildSite({ content, out: dist, now: new Date(T0 + 5 * MINUTE).toISOString() });
}, 300_000);

afterAll(async () => {
  await Promise.all([web.close(), github.stop()]);
  if (root && !process.env['HELIOGRAPH_KEEP_SITES']) rmSync(root, { recursive: true, force: true });
});

const read = (path: string): string => readFileSync(join(dist, path), 'utf8');

describe('feeds', () => {
  const feeds = ['', 'components/email/', 'components/payments/'];

  test.each(feeds)('%srss.xml and atom.xml are well-formed XML 1.0, feed.json valid', (dir) => {
    const rss = parseRssStrict(read(`${dir}rss.xml`));
    const atom = parseAtomStrict(read(`${dir}atom.xml`));
    const json = parseJsonFeedStrict(read(`${dir}feed.json`));
    expect(rss.items?.length).toBeGreaterThan(0);
    expect(atom.entries?.length).toBe(rss.items?.length);
    expect(json.items?.length).toBe(rss.items?.length);
  });

  test('carry the words, cleaned: escape sequences and controls gone, the rest kept', () => {
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      const text = read(feed);
      expect(text, feed).toContain('Checkout down !');
      expect(text, feed).toContain('a bad deploy rolled back');
      expect(text, feed).toContain('Raw red text');
      expect(text, feed).toContain('Escapes and more');
    }
  });
});

test('no built file holds a control character or a lone surrogate, raw or escaped', () => {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(html|xml|json|ics|js|txt|svg)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
  expect(files.length).toBeGreaterThan(20);
  const found = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [CONTROL, ESCAPED_CONTROL, LONE_SURROGATE].flatMap((pattern) => {
      const m = pattern.exec(text);
      return m
        ? [`${file}: ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 20))}`]
        : [];
    });
  });
  expect(found).toEqual([]);
});

describe("a dependency's words", () => {
  test('reach the GitHub issue as code: no link, no image, no mention', () => {
    const opened = github.issues.find((i) => i.author === github.viewer);
    expect(opened, 'the prober opened an issue').toBeDefined();
    const body = opened!.body ?? '';
    expect(body).toContain('re-enter card details here');
    const html = new Marked({ gfm: true, async: false }).parse(body) as string;
    expect(html).not.toMatch(/<img/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => h.includes('evil.example'))).toEqual([]);
    // Every @ of theirs sits inside a code span, where GitHub mentions nobody.
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/@(team|here)/);
    expect(body).not.toMatch(CONTROL);
  });

  test('reach the site as plain text only', () => {
    const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    const all = pages.join('\n');
    expect(all).toContain('re-enter card details here');
    expect(all).not.toMatch(/<a [^>]*href="[^"]*evil\.example/);
    expect(all).not.toMatch(/<img[^>]*evil\.example/);
  });
});

describe('/embed.js', () => {
  test('is a valid script whose channels are named as written', () => {
    const script = read('embed.js');
    expect(() => new Script(script)).not.toThrow();
    const config = /const C = (\{.*\});/.exec(script)?.[1];
    const parsed = JSON.parse(config ?? 'null') as { channels: { name: string; url: string }[] };
    expect(parsed.channels.map((c) => [c.name, c.url])).toEqual([
      ["E-mail $' orders", 'mailto:orders@example.com'],
      ['Phone $& line', 'tel:+390000000'],
      ['Contact page', '/contact/'],
    ]);
  });

  test('shows the channel that is down and the ones that work, names as written', async () => {
    const shown = await runBanner(read('embed.js'), read('api/v2/summary.json'));
    expect(shown.text).toContain("E-mail $' orders is unavailable");
    expect(shown.links).toEqual(
      expect.arrayContaining([
        ['Phone $& line', 'tel:+390000000'],
        ['Contact page', 'https://status.example.com/contact/'],
      ]),
    );
  });
});

function config(statusPage: string): string {
  return `site:
  title: Acme status
  url: https://status.example.com
  locale: en
  time_zone: Europe/Rome
components:
  - id: payments
    name: Card payments
    third_party: true
    checks:
      - type: statuspage
        url: ${statusPage}
        component: pay
  - id: email
    name: E-mail
channels:
  - id: email
    name: "E-mail $' orders"
    kind: email
    url: mailto:orders@example.com
    component: email
    fallback_order: 1
  - id: phone
    name: "Phone $& line"
    kind: phone
    url: tel:+390000000
    fallback_order: 2
  - id: contact
    name: Contact page
    kind: web
    url: /contact/
    fallback_order: 3
probe:
  confirm_down: 1
github:
  auto_issues: true
`;
}

/** An editor's file with raw controls in its body and YAML escapes of them in its fields. */
const RAW_INCIDENT = [
  '---',
  'title: "Raw \\e[31mred\\e[0m \\0text"',
  'impact: minor',
  'updates:',
  `  - at: ${new Date(T0 - 30 * MINUTE).toISOString()}`,
  '    status: investigating',
  '    text: "Escapes\\x1b[2J and\\x85 more\\uFFFE"',
  '---',
  '',
  '\u001b[31mPostmortem\u001b[0m\u0000 body\u000b text',
  '',
].join('\n');

/** A minimal DOM for the banner: elements with attributes, children and text. */
class FakeElement {
  readonly attrs: Record<string, string> = {};
  readonly children: (FakeElement | string)[] = [];
  textContent = '';
  readonly tag: string;
  constructor(tag: string) {
    this.tag = tag;
  }
  setAttribute(name: string, value: string): void {
    this.attrs[name] = value;
  }
  getAttribute(name: string): string | null {
    return this.attrs[name] ?? null;
  }
  append(...nodes: (FakeElement | string)[]): void {
    this.children.push(...nodes);
  }
  prepend(...nodes: (FakeElement | string)[]): void {
    this.children.unshift(...nodes);
  }
  addEventListener(): void {}
  remove(): void {}
  text(): string {
    return (
      this.textContent + this.children.map((c) => (typeof c === 'string' ? c : c.text())).join('')
    );
  }
  links(): [string, string][] {
    const own: [string, string][] =
      this.tag === 'a' ? [[this.text(), this.attrs['href'] ?? '']] : [];
    return [...own, ...this.children.flatMap((c) => (typeof c === 'string' ? [] : c.links()))];
  }
}

/** Runs the banner script against a summary; what it put on the page. */
async function runBanner(
  script: string,
  summary: string,
): Promise<{ text: string; links: [string, string][] }> {
  const body = new FakeElement('body');
  const context = createContext({
    document: {
      currentScript: null,
      body,
      createElement: (tag: string) => new FakeElement(tag),
      querySelector: () => null,
    },
    fetch: () => Promise.resolve({ ok: true, json: () => Promise.resolve(JSON.parse(summary)) }),
    URL,
    AbortController,
    setTimeout: () => 0,
    sessionStorage: { getItem: () => null, setItem: () => undefined },
  });
  new Script(script).runInContext(context);
  // The banner waits for the fetch and the JSON: a few turns of the event loop.
  for (let i = 0; i < 10 && body.children.length === 0; i++) {
    await new Promise((done) => setImmediate(done));
  }
  expect(body.children, 'the banner showed').toHaveLength(1);
  return { text: body.text(), links: body.links() };
}
