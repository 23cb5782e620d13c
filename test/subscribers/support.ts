/**
 * What the subscribers tests share: the two databases (a SQLite file in a temporary folder; a fresh
 * database on the PostgreSQL server of DATABASE_URL), a small site whose heliograph.yaml points at
 * the service, the service started in process on 127.0.0.1 port 0, signed events, and a snapshot of
 * every table to prove that a refused request stored nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/lib/config/load.ts';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../../src/lib/notify/signature.ts';
import type { SubscriberEvent } from '../../src/lib/notify/targets/subscribers.ts';
import type { SubscriberPolicy } from '../../src/lib/subscribers/policy.ts';
import {
  openDatabase,
  startService,
  type RunningService,
} from '../../src/lib/subscribers/service.ts';
import { SUBSCRIBER_POLICY } from '../../src/lib/subscribers/policy.ts';
import { serveSchema, type StorageSettings } from '../../src/lib/subscribers/settings.ts';

/** The secrets every test service uses. */
export const SECRETS = {
  SUBSCRIBERS_LINK_SECRET: 'link-secret-0123456789abcdef0123456789abcdef',
  SUBSCRIBERS_EVENT_SECRET: 'event-secret-0123456789abcdef',
  SUBSCRIBERS_ADMIN_TOKEN: 'admin-token-0123456789abcdef0123456789abcdef',
};

/** The service's public URL in the test site (links in e-mails point here; tests rewrite it). */
export const SERVICE_BASE = 'https://subscribe.forno.example/';

/** Set by .ci/run: a PostgreSQL server that cannot be reached fails the run instead of skipping. */
const REQUIRED = process.env['HELIOGRAPH_REQUIRE_POSTGRES'] === '1';

/** Whether the PostgreSQL of DATABASE_URL answers; why not, when it does not. */
export async function postgresStatus(): Promise<{ url: string } | { skip: string }> {
  const url = process.env['DATABASE_URL'];
  const why = (reason: string): { skip: string } => {
    if (REQUIRED) throw new Error(`HELIOGRAPH_REQUIRE_POSTGRES=1 but ${reason}`);
    return { skip: `skipped: ${reason} (start one with .ci/postgres.sh, see docs/subscribers.md)` };
  };
  if (!url) return why('DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    return why(`PostgreSQL at DATABASE_URL does not answer: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The databases every suite runs against, named for the report (with why one is skipped). */
export interface StoreVariant {
  name: string;
  kind: 'sqlite' | 'postgres';
  /** The PostgreSQL server's URL. */
  url: string | undefined;
  skip: boolean;
}

/** SQLite always; PostgreSQL when DATABASE_URL answers (required when .ci/run says so). */
export async function storeVariants(): Promise<StoreVariant[]> {
  const postgres = await postgresStatus();
  return [
    { name: 'sqlite', kind: 'sqlite', url: undefined, skip: false },
    'url' in postgres
      ? { name: 'postgres', kind: 'postgres', url: postgres.url, skip: false }
      : { name: `postgres (${postgres.skip})`, kind: 'postgres', url: undefined, skip: true },
  ];
}

/** A database of one kind, fresh for one test file. */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** The environment variables that point the service at it. */
  env: Record<string, string>;
  settings: StorageSettings;
  drop: () => Promise<void>;
}

/** A new empty database: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function freshDatabase(
  kind: 'sqlite' | 'postgres',
  postgresUrl?: string,
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'heliograph-subscribers-'));
    // DATABASE_URL empty: a PostgreSQL URL in the test's environment must not win.
    const env = { SUBSCRIBERS_DB: join(dir, 'subscribers.sqlite'), DATABASE_URL: '' };
    return {
      kind,
      env,
      settings: { SUBSCRIBERS_DB: env.SUBSCRIBERS_DB, DATABASE_URL: undefined },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  if (!postgresUrl) throw new Error('freshDatabase(postgres) needs a URL');
  const name = `heliograph_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.href };
  return {
    kind,
    env,
    settings: { DATABASE_URL: url.href, SUBSCRIBERS_DB: 'unused' },
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A content folder with a site whose subscriptions point at SERVICE_BASE. */
export function writeContent(options: { locale?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-subscribers-site-'));
  mkdirSync(join(dir, 'incidents'));
  mkdirSync(join(dir, 'maintenance'));
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Forno Test status
  url: https://status.forno.example
  base: /status/
  locale: ${options.locale ?? 'en'}
  time_zone: Europe/Rome
components:
  - { id: shop, name: Online shop }
  - { id: delivery, name: Delivery }
  - { id: whatsapp, name: WhatsApp, third_party: true }
subscriptions:
  url: ${SERVICE_BASE}
`,
  );
  return dir;
}

/** The service, in process, on 127.0.0.1 at a free port; `clock` may be moved by the test. */
export async function startTestService(options: {
  db: TestDatabase;
  smtpPort: number;
  content: string;
  clock?: { now: number };
  policy?: Partial<SubscriberPolicy>;
  log?: string[];
}): Promise<RunningService> {
  const settings = serveSchema.parse({
    ...options.db.env,
    ...SECRETS,
    SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}?local_relay_without_tls=true`,
    SUBSCRIBERS_FROM: 'Forno status <status@forno.example>',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  return startService({
    config: loadConfig(options.content),
    configFile: 'heliograph.yaml',
    settings,
    now: () => options.clock?.now ?? Date.now(),
    log: (line) => options.log?.push(line),
    policy: { pollMs: 100, ...options.policy },
  });
}

/** An event as the notify target would post it, at `now`. */
export function eventBody(
  id: string,
  components: string[],
  now: number,
  overrides: Partial<SubscriberEvent> = {},
): SubscriberEvent {
  const email = (lang: string): { subject: string; body: string } => ({
    subject: `[Forno Test status] ${lang}: Checkout down`,
    body: `${lang}: Checkout down\n\nOrders fail.\n\nhttps://status.forno.example/status/incidents/x/\n\n— Forno Test status\n`,
  });
  return {
    event: { id, type: 'incident.opened', at: new Date(now - 60_000).toISOString() },
    components,
    url: 'https://status.forno.example/status/incidents/x/',
    email: { en: email('en'), it: email('it'), fr: email('fr') },
    sent_at: new Date(Math.floor(now / 1000) * 1000).toISOString(),
    ...overrides,
  };
}

/** Posts `body` to the service's /events, signed with `secret` at `now` unless told otherwise. */
export async function postEvent(
  service: { url: string },
  body: unknown,
  options: { now: number; secret?: string; sign?: boolean; text?: string },
): Promise<Response> {
  const text = options.text ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  headers[TIMESTAMP_HEADER] = String(Math.floor(options.now / 1000));
  if (options.sign !== false)
    headers[SIGNATURE_HEADER] = signBody(text, options.secret ?? SECRETS.SUBSCRIBERS_EVENT_SECRET);
  return fetch(new URL('events', service.url), { method: 'POST', headers, body: text });
}

/** Posts the sign-up form as a browser would. */
export function postForm(
  service: Pick<RunningService, 'url'>,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return fetch(new URL('subscribe', service.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form.toString(),
  });
}

/** The service-local form of a link from an e-mail (its public base replaced by the test's). */
export function local(service: RunningService, link: string): string {
  return link.replace(SERVICE_BASE, service.url);
}

/** The first link in `text` to `path` (confirm, unsubscribe, preferences). */
export function linkIn(text: string, path: string): string {
  const match = new RegExp(
    `${SERVICE_BASE.replace(/[.]/g, '\\.')}${path}\\?token=[A-Za-z0-9._-]+`,
  ).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

/** Every row of every table, for comparing before and after. */
export async function snapshot(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const database = openDatabase(db.settings, SUBSCRIBER_POLICY);
  try {
    const tables = [
      'subscribers',
      'subscriber_components',
      'events',
      'event_components',
      'deliveries',
    ];
    const out: Record<string, unknown[]> = {};
    for (const table of tables)
      out[table] = (await database.all(`SELECT * FROM ${table}`))
        .map((r) => JSON.stringify(r))
        .sort();
    return out;
  } finally {
    await database.close();
  }
}

/** Waits until `check` holds (polling), or fails after `ms` with `what`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
