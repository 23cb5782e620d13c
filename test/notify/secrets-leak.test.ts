/**
 * Notification targets whose secret is the URL, or a token in it, against a receiver that hands
 * every secret back: error pages that echo the request path ("Cannot POST /api/webhooks/…"), a
 * reason phrase that does, JSON with `\/`-escaped paths, headers, a Location and base64 copies.
 * Nothing the command prints or writes (stdout, stderr, the record, the job summary) may hold any
 * form of any secret, whole or cut.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findLeaks } from '../support/secret-leaks.ts';
import { removeSite, runNotify, secretEnv, writeSite } from './fixture.ts';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push(path);
    const auth = req.headers.authorization ?? '';
    const echo = `${path} ${auth}`;
    res.setHeader('x-echo', encodeURIComponent(echo));
    res.setHeader('x-echo-base64', Buffer.from(echo).toString('base64'));
    const route = path.split('/')[1];
    if (route === 'mastodon') {
      // A redirect to a place that names the token: manual redirects make it a failure.
      res.writeHead(302, {
        location: `https://elsewhere.example/cb?t=${encodeURIComponent(auth)}`,
      });
      return void res.end();
    }
    // Express's error page, with the path in the reason phrase as well.
    res.statusMessage = `Cannot POST ${path}`;
    res.statusCode = route === 'webhook' ? 403 : 404;
    res.setHeader('content-type', route === 'discord' ? 'application/json' : 'text/html');
    res.end(
      route === 'discord'
        ? JSON.stringify({ message: `Unknown Webhook ${path}`, path }).replace(/\//g, '\\/')
        : `<!DOCTYPE html><pre>Cannot POST ${path}</pre><p>${Buffer.from(path).toString('base64url')}</p>`,
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

test('a receiver that echoes every secret back: nothing printed or written holds one', async () => {
  const dir = writeSite(`notifications:
  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }
  - { kind: discord, webhook: '\${DISCORD_WEBHOOK}' }
  - { kind: telegram, token: '\${TELEGRAM_BOT_TOKEN}', chat: '@fornostatus', api_base: '${base}/telegram' }
  - { kind: mastodon, instance: '${base}/mastodon', token: '\${MASTODON_TOKEN}' }
  - { kind: webhook, url: '${base}/webhook/in?key=\${WEBHOOK_KEY}', secret: '\${WEBHOOK_SECRET}' }
`);
  try {
    const summaryFile = join(dir, 'summary.md');
    const run = await runNotify(dir, base, {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile },
      policy: { attempts: 1 },
    });
    expect(run.code).toBe(0);
    // Every target was reached, and failed; each failure is reported by its code.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(run.stdout).toMatch(
      /^failed slack .* — \[POST\] "http:\/\/127\.0\.0\.1:\d+\/<hidden>": 404 Not Found \(1 attempt\)/m,
    );
    expect(run.stdout).toMatch(/^failed mastodon .*: 302 Found \(1 attempt\)/m);
    expect(run.stdout).toMatch(/^failed webhook .*: 403 Forbidden \(1 attempt\)/m);

    const env = secretEnv(base);
    const secrets: Record<string, string> = {
      TELEGRAM_BOT_TOKEN: env.TELEGRAM_BOT_TOKEN,
      MASTODON_TOKEN: env.MASTODON_TOKEN,
      WEBHOOK_KEY: env.WEBHOOK_KEY,
      WEBHOOK_SECRET: env.WEBHOOK_SECRET,
      // Webhook URLs are secrets as a whole; their origin is what errors show, their path is not.
      'SLACK_WEBHOOK path': new URL(env.SLACK_WEBHOOK).pathname,
      'DISCORD_WEBHOOK path': new URL(env.DISCORD_WEBHOOK).pathname,
    };
    // Whatever the run wrote in content/ (nothing was sent, so perhaps nothing at all).
    const written = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'heliograph.yaml')
      .map((e) => join(e.parentPath, e.name))
      .map((f) => [f, readFileSync(f, 'utf8')]);
    const leaks = [
      ...findLeaks('stdout', run.stdout, secrets),
      ...findLeaks('stderr', run.stderr, secrets),
      ...written.flatMap(([f, text]) => findLeaks(f!, text!, secrets)),
    ];
    expect(leaks).toEqual([]);
  } finally {
    removeSite(dir);
  }
});
