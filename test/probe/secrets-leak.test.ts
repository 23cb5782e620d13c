/**
 * Secrets against a server that hands them back: a local server reflects each secret the checks
 * send it — in a JSON value, in answers that lack a `body_contains` text, in headers, in a
 * `Location`, in error pages, in a status page's names — in every form (raw, JSON-escaped,
 * percent- and form-encoded, base64, base64url, the Basic-auth pair). The prober runs whole, then
 * in shards with a merge, with automatic incidents and automatic GitHub issues (against the fake
 * GitHub), and the site is built. No form of any secret, whole or cut, may appear in stdout,
 * stderr, content/ (history, incidents, shard files, job summary), dist/ or the issues.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { FakeGithub } from '../support/fake-github.ts';
import { probeInProcess } from '../support/probe-in-process.ts';
import { closedPort } from '../support/probe-servers/raw.ts';
import { findLeaks } from '../support/secret-leaks.ts';

/** 64 characters, as API tokens often are: a cut at 60 leaves most of it. */
const API_TOKEN = 'tok_7f3a9c2e41d8b6a0e5f7c9d1b3a5e7f9c2d4b6a8e0f2c4d6b8a0e2f4c6d8';
/** A password with characters that every format escapes its own way. */
const DB_PASS = 'p"a\\ss W0rd!(x)*~+/=';
/** A password that travels in a URL's user-info, hence as Basic auth. */
const URL_PASS = 'Url-Pa55-s3cret-77';

const SECRETS = {
  API_TOKEN,
  DB_PASS,
  URL_PASS,
  'Basic-auth pair': `monitor:${URL_PASS}`,
};

let server: Server;
let origin: string;
let refused: number;
let fake: FakeGithub;
let dir: string;
/** What reached the server: the secrets must get there. */
const received: string[] = [];

/** What a request carried that a server may reflect: its query's `key`, the API key, the Basic auth. */
function carried(req: IncomingMessage, url: URL): { key: string; apiKey: string; auth: string } {
  return {
    key: url.searchParams.get('key') ?? '',
    apiKey: String(req.headers['x-api-key'] ?? ''),
    auth: req.headers.authorization ?? '',
  };
}

/** Each form a reflecting server may use, by the name the check asks for. */
const REFLECT: Record<string, (s: string) => string> = {
  raw: (s) => s,
  uri: encodeURIComponent,
  form: (s) => new URLSearchParams({ v: s }).toString().slice(2),
  base64: (s) => Buffer.from(s).toString('base64'),
  base64url: (s) => Buffer.from(s).toString('base64url'),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const got = carried(req, url);
    received.push(`${req.url} ${got.apiKey} ${got.auth}`);
    const json = (value: unknown): void => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(value));
    };
    // Every answer reflects what came, in headers too.
    res.setHeader('x-echo', encodeURIComponent(`${got.key} ${got.apiKey} ${got.auth}`));
    const [, route, form] = url.pathname.split('/');
    switch (route) {
      case 'value': // A JSON value that starts with the secret (the check expects "ok").
        return json({ status: REFLECT[form ?? 'raw']!(got.key || got.apiKey) });
      case 'headers': // The request's headers as JSON: the password JSON-escaped.
        return json({ status: req.headers });
      case 'basic': // The Authorization header: base64 of user:password.
        return json({ status: got.auth });
      case 'plain': // Text without what body_contains asks for.
        return void res.end(`hello ${REFLECT['base64']!(got.key)}`);
      case 'moved': // A redirect whose Location names the secret, to a port that refuses.
        res.writeHead(302, {
          location: `http://${got.key}:${got.key}@127.0.0.1:${refused}/cb/${got.key}?t=${got.key}`,
        });
        return void res.end(`Moved to /cb/${got.key}`);
      case 'sp': {
        // A status page under a path that holds the key, whose names reflect it.
        const key = url.pathname.split('/')[2] ?? '';
        return json({
          page: { name: `Page ${key}` },
          components: [{ id: 'c1', name: 'Gateway', status: key }],
        });
      }
      default: // An error page that echoes the path, query included.
        res.statusCode = 404;
        return void res.end(`<pre>Cannot GET ${req.url}</pre>`);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  refused = await closedPort();
  fake = await FakeGithub.start();
});
afterAll(async () => {
  await fake.stop();
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

function config(): string {
  const key = `key=\${API_TOKEN}`;
  const check = (options: string) => `      - { ${options}, timeout_seconds: 5, retries: 0 }\n`;
  return `site:
  title: Secrets test
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: token-json
    name: Token in a JSON value
    checks:
${check(`type: http, url: '${origin}/value/raw?${key}', json: { path: status, equals: ok }`)}  - id: token-contains
    name: Token looked for in a body
    checks:
${check(`type: http, url: '${origin}/plain?${key}', body_contains: '\${API_TOKEN}'`)}  - id: password-headers
    name: Password in a header, reflected as JSON
    checks:
${check(`type: http, url: '${origin}/headers', headers: { X-Api-Key: '\${DB_PASS}' }, json: { path: status, equals: ok }`)}  - id: password-forms
    name: Password reflected in every encoding
    checks:
${Object.keys(REFLECT)
  .map((form) =>
    check(
      `name: ${form}, type: http, url: '${origin}/value/${form}', headers: { X-Api-Key: '\${DB_PASS}' }, json: { path: status, equals: ok }`,
    ),
  )
  .join('')}  - id: basic-auth
    name: Password in the URL, reflected as Basic auth
    checks:
${check(`type: http, url: 'http://monitor:\${URL_PASS}@${origin.slice(7)}/basic', json: { path: status, equals: ok }`)}  - id: redirect
    name: Redirect that names the token
    checks:
${check(`type: http, url: '${origin}/moved?${key}'`)}  - id: error-page
    name: Error page that echoes the path
    checks:
${check(`type: http, url: '${origin}/missing/\${API_TOKEN}?${key}', json: { path: status, equals: ok }`)}  - id: status-page
    name: Status page with reflected names
    checks:
${check(`type: statuspage, url: '${origin}/sp/\${API_TOKEN}/', component: Gateway`)}probe:
  confirm_down: 1
  auto_incidents: true
github:
  auto_issues: true
`;
}

/** Runs the probe command in process; returns its exit code and what it printed. */
function probe(args: string[]): Promise<{ code: number; out: string }> {
  return probeInProcess(['--content', dir, ...args], {
    env: {
      API_TOKEN,
      DB_PASS,
      URL_PASS,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'),
      GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    },
    github: fake,
  });
}

test('reflected in every form, no secret reaches an output, a file, the site or GitHub', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-secrets-'));
  mkdirSync(join(dir, 'incidents'));
  writeFileSync(join(dir, 'heliograph.yaml'), config());
  const shards = [join(dir, 'shard-1.json'), join(dir, 'shard-2.json')];
  const runs = [
    await probe([]),
    await probe(['--shard', '1/2', '--results-out', shards[0]!]),
    await probe(['--shard', '2/2', '--results-out', shards[1]!]),
    await probe(['merge', ...shards]),
    await probe(['--json', '--dry-run']),
  ];
  expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);

  // The secrets did reach the service, each in its place.
  const seen = received.join('\n');
  expect(seen).toContain(`key=${API_TOKEN}`);
  expect(seen).toContain(DB_PASS);
  expect(seen).toContain(`Basic ${Buffer.from(`monitor:${URL_PASS}`).toString('base64')}`);
  // Every check failed, so that every reason was written: incidents, issues, history.
  const incidents = readdirSync(join(dir, 'incidents'));
  expect(incidents).toHaveLength(8);
  expect(fake.issues).toHaveLength(8);
  // The reasons still say what failed, with the secret masked.
  const history = readdirSync(join(dir, 'history')).filter((f) => f.endsWith('.tsv'));
  const samples = history.map((f) => readFileSync(join(dir, 'history', f), 'utf8')).join('');
  expect(samples).toContain('JSON value at status is "***');
  expect(samples).toContain('body does not contain "***"');
  expect(samples).toContain(`redirected to 127.0.0.1:${refused}: connection refused`);

  const dist = join(dir, 'dist');
  await buildSite({ content: dir, out: dist });
  expect(filesUnder(dist).length).toBeGreaterThan(5);

  const leaks = [
    ...runs.flatMap((r, i) => findLeaks(`output of run ${i + 1}`, r.out, SECRETS)),
    ...filesUnder(dir).flatMap((f) => findLeaks(f, readFileSync(f, 'utf8'), SECRETS)),
    ...fake.issues.flatMap((issue) =>
      [issue.title, issue.body ?? '', ...issue.comments.map((c) => c.body)].flatMap((text) =>
        findLeaks(`issue #${issue.number}`, text, SECRETS),
      ),
    ),
    ...findLeaks('requests to GitHub', JSON.stringify(fake.requests), SECRETS),
  ];
  expect(leaks).toEqual([]);
}, 180_000);

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
