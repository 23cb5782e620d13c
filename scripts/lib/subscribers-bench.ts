/**
 * The subscribers benchmark: 10,000 confirmed subscribers and one event. The real service runs as a
 * child process (`scripts/subscribers.ts serve`, as `npm run subscribers -- serve` starts it) on a
 * SQLite file (and on PostgreSQL when DATABASE_URL is set); a local SMTP server in this process
 * counts what arrives. Measured: how long recording the deliveries takes (the signed POST /events,
 * one INSERT … SELECT), the sending rate until the last message is accepted, and the service's
 * peak memory.
 */
import { readProcessReport } from './process-report.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { z } from 'astro/zod';
import pg from 'pg';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../../src/lib/notify/signature.ts';
import type { SubscriberEvent } from '../../src/lib/notify/targets/subscribers.ts';
import { migrate } from '../../src/lib/subscribers/migrate.ts';
import { SUBSCRIBER_POLICY } from '../../src/lib/subscribers/policy.ts';
import { openDatabase } from '../../src/lib/subscribers/service.ts';
import { createStore, type NewSubscriber } from '../../src/lib/subscribers/store.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** What the benchmark holds the service to, and why. */
export const SUBSCRIBER_TARGETS = {
  subscribers: 10_000,
  /** The notify job waits for this answer; a list of 10,000 must not make it time out (10 s). */
  recordMs: 2_000,
  /** 10,000 e-mails in under a minute: everyone hears of an outage while it is news. */
  messagesPerSecond: 200,
  /** Fits the smallest VM or container one would rent for it. */
  maxRssMb: 200,
};

export interface SubscribersBenchResult {
  store: string;
  recordMs: number;
  deliveries: number;
  sendMs: number;
  perSecond: number;
  maxRssMb: number;
  copies: number;
}

/** Runs the benchmark on the SQLite file, or on a new database of the PostgreSQL server `postgresUrl`. */
export async function subscribersBench(postgresUrl?: string): Promise<SubscribersBenchResult> {
  const n = SUBSCRIBER_TARGETS.subscribers;
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-subscribers-bench-'));
  const dbName = `heliograph_bench_${Date.now()}`;
  let env: Record<string, string>;
  if (postgresUrl) {
    await adminQuery(postgresUrl, `CREATE DATABASE ${dbName}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${dbName}`;
    env = { DATABASE_URL: url.href };
  } else {
    env = { DATABASE_URL: '', SUBSCRIBERS_DB: join(dir, 'subscribers.sqlite') };
  }
  const smtp = await countingSmtpServer();
  try {
    await seed(env, n);
    writeFileSync(join(dir, 'heliograph.yaml'), SITE);
    const service = await startService(dir, env, smtp.port);
    try {
      const now = Date.now();
      const body = JSON.stringify(event(now));
      const started = performance.now();
      const res = await fetch(new URL('events', service.url), {
        method: 'POST',
        headers: {
          [TIMESTAMP_HEADER]: String(Math.floor(now / 1000)),
          [SIGNATURE_HEADER]: signBody(body, SECRETS.SUBSCRIBERS_EVENT_SECRET),
        },
        body,
      });
      const answer = z
        .object({ deliveries: z.number().int().nonnegative().optional() })
        .parse(await res.json());
      const recordMs = performance.now() - started;
      await smtp.reached(n, 300_000);
      const sendMs = performance.now() - started;
      const maxRssMb = (await service.stop()) / 1024;
      return {
        store: postgresUrl ? 'PostgreSQL' : 'SQLite',
        recordMs,
        deliveries: answer.deliveries ?? 0,
        sendMs,
        perSecond: n / (sendMs / 1000),
        maxRssMb,
        copies: smtp.duplicates() === 0 ? 1 : 2,
      };
    } finally {
      service.kill();
    }
  } finally {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
    if (postgresUrl)
      await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

const SECRETS = {
  SUBSCRIBERS_LINK_SECRET: 'bench-link-secret-0123456789abcdef0123456789',
  SUBSCRIBERS_EVENT_SECRET: 'bench-event-secret-0123456789',
};

const SITE = `site: { title: Bench status, url: 'https://status.bench.example', time_zone: UTC }
components:
  - { id: shop, name: Shop }
  - { id: api, name: API }
subscriptions: { url: 'https://subscribe.bench.example/' }
`;

/** The subscribers, confirmed, in one import. */
async function seed(env: Record<string, string>, n: number): Promise<void> {
  const db = openDatabase(
    { DATABASE_URL: env['DATABASE_URL'] || undefined, SUBSCRIBERS_DB: env['SUBSCRIBERS_DB'] ?? '' },
    SUBSCRIBER_POLICY,
  );
  try {
    await migrate(db, { now: Date.now() });
    const at = Date.now();
    const rows: NewSubscriber[] = Array.from({ length: n }, (_, i) => ({
      email: `reader${i}@example.com`,
      locale: (['en', 'it', 'fr'] as const)[i % 3]!,
      // A third follow the shop only, a third the API only (not touched by the event), a third all.
      components: i % 3 === 0 ? ['shop'] : i % 3 === 1 ? [] : ['shop', 'api'],
      source: 'import',
      consentAt: at,
      confirmedAt: at,
    }));
    await createStore(db, SUBSCRIBER_POLICY).importRows(rows, at);
  } finally {
    await db.close();
  }
}

function event(now: number): SubscriberEvent {
  const text = {
    subject: '[Bench status] Investigating: Shop down',
    body: 'Investigating: Shop down\n\nAffected: Shop\n\nhttps://status.bench.example/incidents/shop-down/\n\n— Bench status\n',
  };
  return {
    event: {
      id: 'shop-down-20261121t0900',
      type: 'incident.opened',
      at: new Date(now).toISOString(),
    },
    components: ['shop'],
    url: 'https://status.bench.example/incidents/shop-down/',
    email: { en: text, it: text, fr: text },
    sent_at: new Date(Math.floor(now / 1000) * 1000).toISOString(),
  };
}

/** The service as `npm run subscribers -- serve` runs it, with its peak memory reported at exit. */
async function startService(dir: string, env: Record<string, string>, smtpPort: number) {
  const rssFile = join(dir, 'rss');
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags(),
      '--import',
      join(ROOT, 'scripts/lib/report-rss.mjs'),
      join(ROOT, 'scripts/subscribers.ts'),
      'serve',
      '--content',
      dir,
    ],
    {
      env: {
        ...process.env,
        ...env,
        ...SECRETS,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?local_relay_without_tls=true`,
        SUBSCRIBERS_FROM: 'status@bench.example',
        PORT: '0',
        HOST: '127.0.0.1',
        HELIOGRAPH_RSS_FILE: rssFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+\/)/.exec(output);
      if (match) done(match[1]!);
    });
    void exited.then((code) => fail(new Error(`the service exited (${code}):\n${output}`)));
  });
  return {
    url,
    /** SIGTERM; resolves with the peak RSS in KiB. */
    stop: async (): Promise<number> => {
      child.kill('SIGTERM');
      await exited;
      return readProcessReport(rssFile).maxRssKb;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/**
 * The Node flags `npm run subscribers` passes (package.json), so that the benchmark measures the
 * command people run. (A small young generation and a bounded old one: the heap holds about 25 MB
 * of live data while sending, and V8 otherwise lets garbage pile up to 300 MB before collecting.)
 */
function nodeFlags(): string[] {
  const pkg = z
    .object({ scripts: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
  const words = (pkg.scripts['subscribers'] ?? '').split(/\s+/);
  return words.slice(1, words.indexOf('scripts/subscribers.ts')).filter((w) => w.startsWith('--'));
}

/** A local SMTP server that counts messages per recipient. */
async function countingSmtpServer() {
  const copies = new Map<string, number>();
  let total = 0;
  let waiter: { n: number; done: () => void } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo)
          copies.set(r.address, (copies.get(r.address) ?? 0) + 1);
        total++;
        if (waiter && total >= waiter.n) waiter.done();
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.server.address() as AddressInfo).port,
    reached: (n: number, ms: number) =>
      new Promise<void>((done, fail) => {
        if (total >= n) return done();
        const timer = setTimeout(
          () => fail(new Error(`only ${total} of ${n} messages in ${ms / 1000} s`)),
          ms,
        );
        waiter = {
          n,
          done: () => {
            clearTimeout(timer);
            done();
          },
        };
      }),
    duplicates: () => [...copies.values()].filter((c) => c > 1).length,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
