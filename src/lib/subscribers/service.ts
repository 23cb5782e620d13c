/**
 * The running service: the database (migrated at start), the HTTP server, the sender, and a timer
 * that erases stale unconfirmed sign-ups. `stop` is the graceful shutdown SIGTERM asks for: stop
 * accepting connections and let requests in progress end, let in-flight sends finish, close SMTP,
 * close the database.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { ServiceContext } from './context.ts';
import type { Database } from './db.ts';
import { deliveryMail } from './mail.ts';
import { migrate } from './migrate.ts';
import { SUBSCRIBER_POLICY, type SubscriberPolicy } from './policy.ts';
import { openPostgres } from './postgres.ts';
import { slidingWindow } from './rate-limit.ts';
import { startSender, type MailTransport } from './sender.ts';
import { requestHandler } from './server.ts';
import { smtpOptions, type ServeSettings, type StorageSettings } from './settings.ts';
import { openSqlite } from './sqlite.ts';
import { createStore, type Store } from './store.ts';

export interface ServiceOptions {
  config: Config;
  /** Names the configuration file in errors. */
  configFile: string;
  settings: ServeSettings;
  now: () => number;
  log: (line: string) => void;
  /** Changes to SUBSCRIBER_POLICY (tests shorten waits). */
  policy?: Partial<SubscriberPolicy>;
}

export interface RunningService {
  /** `http://host:port/` as listened on. */
  url: string;
  store: Store;
  stop: () => Promise<void>;
}

/** Opens the database of `settings`: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function openDatabase(settings: StorageSettings, policy: SubscriberPolicy): Database {
  return settings.DATABASE_URL
    ? openPostgres(settings.DATABASE_URL, { connections: policy.sendConcurrency + 4 })
    : openSqlite(settings.SUBSCRIBERS_DB);
}

/** Where the data is, for the log: never a password. */
export function describeStorage(settings: StorageSettings): string {
  if (!settings.DATABASE_URL) return `SQLite ${settings.SUBSCRIBERS_DB}`;
  const url = new URL(settings.DATABASE_URL);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/**
 * Starts everything; resolves once the server listens. Longer than 80 lines because it wires the
 * parts in the order they depend on each other, and `stop` undoes them in reverse: reading it top
 * to bottom is reading the service's life.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, settings, log } = options;
  const policy: SubscriberPolicy = { ...SUBSCRIBER_POLICY, ...options.policy };
  const serviceBase = config.subscriptions?.url;
  if (serviceBase === undefined) {
    throw new Error(
      `${options.configFile}: subscriptions.url is not set; the service needs its public URL for the links in its e-mails`,
    );
  }
  const db = openDatabase(settings, policy);
  const applied = await migrate(db, { now: options.now() }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  if (applied.length) log(`database: applied migration(s) ${applied.join(', ')}`);
  const store = createStore(db, policy);

  const smtp = smtpOptions(settings.SMTP_URL, {
    connections: policy.sendConcurrency,
    timeoutMs: policy.sendTimeoutMs,
  });
  const transport: MailTransport = createTransport(smtp.transport);
  const mailContext = {
    from: settings.SUBSCRIBERS_FROM,
    siteTitle: config.site.title,
    serviceBase,
    linkSecret: settings.SUBSCRIBERS_LINK_SECRET,
    policy,
  };
  const sender = startSender({
    store,
    transport,
    server: smtp.server,
    compose: (delivery, now) => deliveryMail(delivery, mailContext, now),
    now: options.now,
    policy,
    log,
  });

  let stopping = false;
  const ctx: ServiceContext = {
    store,
    config,
    serviceBase,
    secrets: {
      link: settings.SUBSCRIBERS_LINK_SECRET,
      event: settings.SUBSCRIBERS_EVENT_SECRET,
      admin: settings.SUBSCRIBERS_ADMIN_TOKEN,
    },
    trustProxy: settings.SUBSCRIBERS_TRUST_PROXY === '1',
    policy,
    limiter: slidingWindow({
      limit: policy.signupsPerClient,
      windowMs: policy.clientWindowMs,
      capacity: policy.clientsRemembered,
    }),
    now: options.now,
    wake: sender.wake,
    log,
  };
  const server = createServer(requestHandler(ctx, { stopping: () => stopping }));
  // A client that trickles its request is cut off instead of holding a connection for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.PORT, settings.HOST, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  const purge = (): void => {
    store.purgeUnconfirmed(options.now() - policy.unconfirmedKeepMs).then(
      (n) => n && log(`erased ${n} sign-up(s) left unconfirmed`),
      (error: unknown) => log(`cannot erase unconfirmed sign-ups: ${(error as Error).message}`),
    );
  };
  purge();
  const purgeTimer = setInterval(purge, policy.purgeEveryMs);
  purgeTimer.unref();

  return {
    url: `http://${host}:${port}/`,
    store,
    stop: async () => {
      stopping = true;
      clearInterval(purgeTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, policy.shutdownGraceMs)),
      );
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      clearTimeout(timer);
      await sender.stop();
      await db.close();
    },
  };
}
