/**
 * An automatic incident on an Italian site and on a French one, end to end: the probe command runs
 * real checks against a local HTTP server (down, then partly down, then slow, then well), the
 * recorder opens, changes and resolves the incident, Astro builds the site at a pinned now, and
 * the notification messages are built from the same content. Customers read the site's language
 * only — no sentence of the English catalogue, none of the old English templates — and what the
 * checks saw ("expected 2xx, got 503") shows only in the collapsed detail on the incident page.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { fill, messages } from '../../src/lib/i18n/messages.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { notificationEvents } from '../../src/lib/notify/events.ts';
import { messageContext, notificationMessage } from '../../src/lib/notify/message.ts';
import { loadSiteModel } from '../../src/lib/model/load.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';

const T0 = Date.parse('2026-11-21T08:00:00Z');
const RUN = 5 * 60_000;
/** The build's now: after the four runs. */
const NOW = T0 + 4 * RUN;
/** The slow answer and the limit it breaks: far apart, so a loaded machine changes nothing. */
const SLOW_MS = 3500;
const LIMIT_MS = 3000;

/** The English sentences the product writes, and the templates the prober used before. */
const ENGLISH = [
  ...fragments(messages('en').incidentText),
  ' is down',
  ' is partly down',
  'Our checks find',
  'We are looking into it',
  'Recovered: checks pass again',
  'Now major outage',
  'Now partial outage',
  'Now degraded performance',
];

const NAMES: Record<'it' | 'fr', string> = { it: 'Pagamenti con carta', fr: 'Paiements par carte' };

/** What the local server answers, by path. */
const answers = { card: 503, gateway: 503, cardDelayMs: 0 };
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url === '/card' ? 'card' : 'gateway';
    const delay = path === 'card' ? answers.cardDelayMs : 0;
    setTimeout(() => {
      res.statusCode = answers[path];
      res.end(answers[path] === 200 ? 'ok' : 'unavailable');
    }, delay);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe.each(['it', 'fr'] as const)('an automatic incident on a site in %s', (locale) => {
  let root = '';
  let content = '';
  let dist = '';
  const t = messages(locale).incidentText;
  const name = NAMES[locale];
  let id = '';
  let details: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `heliograph-${locale}-`));
    content = join(root, 'content');
    dist = join(root, 'dist');
    writeContent(content, locale, origin);
    // Down, partly down, slow, well: one probe run each, five minutes apart.
    const runs = [
      { card: 503, gateway: 503, cardDelayMs: 0 },
      { card: 503, gateway: 200, cardDelayMs: 0 },
      { card: 200, gateway: 200, cardDelayMs: SLOW_MS },
      { card: 200, gateway: 200, cardDelayMs: 0 },
    ];
    for (const [i, run] of runs.entries()) {
      Object.assign(answers, run);
      const err: string[] = [];
      const code = await probeMain(['--content', content], {
        env: {},
        now: () => T0 + i * RUN,
        stdout: () => undefined,
        stderr: (text) => err.push(text),
        runner: runCheck,
      });
      expect(err.join(''), `run ${i}`).toBe('');
      expect(code, `run ${i}`).toBe(0);
    }
    const [file] = readdirSync(join(content, 'incidents'));
    id = file!.replace(/\.md$/, '');
    const text = readFileSync(join(content, 'incidents', file!), 'utf8');
    const parsed = parseIncidentFile(text, file!, new Set(['payments', 'website']));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    details = parsed.data.data.updates.flatMap((u) => (u.detail ? [u.detail] : []));
    await buildSite({ content, out: dist, now: new Date(NOW).toISOString() });
  }, 300_000);
  afterAll(() => {
    if (root && !process.env['HELIOGRAPH_KEEP_SITES'])
      rmSync(root, { recursive: true, force: true });
  });

  /** English sentences and technical reasons found in a text; none is expected. */
  const foreign = (text: string): string[] =>
    [...ENGLISH, 'expected 2xx', ...details].filter((s) => text.includes(s));
  const read = (path: string): string => readFileSync(join(dist, path), 'utf8');

  test('the prober wrote its sentences in the language, and what the checks saw as detail', () => {
    const text = readFileSync(join(content, 'incidents', `${id}.md`), 'utf8');
    const updates = parseIncidentFile(text, id, new Set(['payments', 'website']));
    if (!updates.ok) return expect.unreachable('the incident file is valid');
    const { data } = updates.data;
    expect(data.title).toBe(fill(t.autoTitle.major_outage, { name }));
    expect(data.updates.map((u) => [u.status, u.text])).toEqual([
      ['investigating', fill(t.autoOpened.major_outage, { name })],
      ['investigating', fill(t.autoChanged.partial_outage, { name })],
      ['investigating', fill(t.autoChanged.degraded_performance, { name })],
      ['resolved', fill(t.autoRecovered, { name, duration: '15 min' })],
    ]);
    expect(details).toEqual([
      'card: expected 2xx, got 503; gateway: expected 2xx, got 503',
      'card: expected 2xx, got 503',
      expect.stringMatching(new RegExp(`^card: slow: \\d+ ms \\(limit ${LIMIT_MS} ms\\)$`)),
    ]);
  });

  test('the incident page: the sentences, and the detail only collapsed', () => {
    const page = read(`incidents/${id}/index.html`);
    const collapsed = [...page.matchAll(/<details class="detail"[^>]*>([\s\S]*?)<\/details>/g)];
    expect(collapsed).toHaveLength(3);
    for (const [, inner] of collapsed) {
      expect(inner).toContain(`<summary>${messages(locale).technicalDetail}</summary>`);
    }
    expect(collapsed[2]![1]).toContain(details[0]);
    expect(page).not.toMatch(/<details[^>]*\sopen/);
    expect(page).toContain(`<h1>${fill(t.autoTitle.major_outage, { name })}</h1>`);
    expect(page).toContain(fill(t.autoOpened.major_outage, { name }));
    const outside = page.replace(/<details class="detail"[\s\S]*?<\/details>/g, '');
    expect(foreign(outside)).toEqual([]);
  });

  test.each([
    'index.html',
    'history/index.html',
    'rss.xml',
    'atom.xml',
    'feed.json',
    'components/payments/rss.xml',
    'components/payments/atom.xml',
    'components/payments/feed.json',
    'api/v2/incidents.json',
    'api/v2/summary.json',
  ])('%s: no English sentence, no technical reason', (path) => {
    expect(foreign(read(path))).toEqual([]);
  });

  test('the feeds carry the updates in the language', () => {
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      const text = read(feed);
      expect(text, feed).toContain(fill(t.autoOpened.major_outage, { name }));
      expect(text, feed).toContain(fill(t.autoChanged.partial_outage, { name }));
    }
  });

  test('share texts: in the language, no technical reason', () => {
    const share = read(`share/${id}.json`);
    expect(foreign(share)).toEqual([]);
    const body = JSON.parse(share) as { updates: { texts: { email: { body: string } } }[] };
    expect(body.updates.at(-1)!.texts.email.body).toContain(
      fill(t.autoOpened.major_outage, { name }),
    );
  });

  test('notification messages and payloads: in the language, no technical reason', () => {
    const site = loadSiteModel({ contentDir: content, now: NOW, history: false });
    const ctx = messageContext(site);
    const sent = notificationEvents(site).map((event) => notificationMessage(event, ctx));
    expect(sent.map((m) => m.event.kind)).toEqual([
      'incident.opened',
      'incident.updated',
      'incident.updated',
      'incident.resolved',
    ]);
    // What reaches the targets: the texts, the link and the webhook's payload.
    const delivered = sent.map(({ texts, url, payload }) => ({ texts, url, payload }));
    expect(foreign(JSON.stringify(delivered))).toEqual([]);
    expect(sent[0]!.payload.update?.body).toBe(fill(t.autoOpened.major_outage, { name }));
    expect(sent[0]!.texts.telegram).toContain(fill(t.autoOpened.major_outage, { name }));
  });
});

/** The literal parts of every template (placeholders cut out), long enough to mean something. */
function fragments(tree: object): string[] {
  return Object.values(tree).flatMap((value: unknown) =>
    typeof value === 'string'
      ? value
          .split(/\{\w+\}/)
          .map((part) => part.trim())
          .filter((part) => part.length >= 8)
      : typeof value === 'object' && value !== null
        ? fragments(value)
        : [],
  );
}

/** A site with one component behind two checks on the local server, and a quick policy. */
function writeContent(dir: string, locale: 'it' | 'fr', server: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Forno Aurora
  url: https://status.forno.example
  locale: ${locale}
  time_zone: Europe/Rome
components:
  - id: payments
    name: ${NAMES[locale]}
    checks:
      - { type: http, name: card, url: '${server}/card', max_response_ms: ${LIMIT_MS}, timeout_seconds: 10 }
      - { type: http, name: gateway, url: '${server}/gateway', timeout_seconds: 10 }
  - id: website
    name: Sito web
probe:
  retries: 0
  confirm_down: 1
  confirm_up: 1
`,
  );
}
