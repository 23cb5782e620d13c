/**
 * The service's environment variables, parsed once. Secrets live only here (never in
 * heliograph.yaml, which is committed); an error names the variable and never shows its value.
 */
import { z } from 'astro/zod';

/** Every variable, with what it is for (docs/subscribers.md lists the same). */
export const ENVIRONMENT = {
  DATABASE_URL: 'PostgreSQL connection URL; when set, used instead of the SQLite file',
  SUBSCRIBERS_DB: 'SQLite file (default data/subscribers.sqlite)',
  SUBSCRIBERS_LINK_SECRET:
    'key that signs confirmation, unsubscribe and preferences links (32+ characters)',
  SUBSCRIBERS_EVENT_SECRET:
    'key shared with the notify target, which signs events (16+ characters)',
  SUBSCRIBERS_ADMIN_TOKEN:
    'bearer token of the admin endpoints (32+ characters); unset, they are off',
  SMTP_URL: 'SMTP server, smtp://user:password@host:587 (STARTTLS) or smtps://…:465',
  SUBSCRIBERS_FROM: 'sender of every e-mail, e.g. "Forno status <status@forno.example>"',
  PORT: 'HTTP port (default 8080; 0 picks a free one)',
  HOST: 'address to listen on (default 127.0.0.1; 0.0.0.0 in the container)',
  SUBSCRIBERS_TRUST_PROXY:
    '1 when behind one reverse proxy: the client address is the last X-Forwarded-For entry',
} as const;

export type EnvName = keyof typeof ENVIRONMENT;

const secret = (name: EnvName, min: number) =>
  z
    .string({ error: `${name} is not set (${ENVIRONMENT[name]})` })
    .min(min, `${name} is too short: use at least ${min} random characters (openssl rand -hex 32)`);

/** Where the data lives. */
export const storageSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL: use a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SUBSCRIBERS_DB: z.string().min(1).default('data/subscribers.sqlite'),
});

/**
 * `smtp://host:25?local_relay_without_tls=true`: a relay on the same machine or network that offers
 * no TLS. Without it a plain `smtp://` URL requires STARTTLS, so that a password or a subscriber's
 * address never crosses a network in clear (the same rule as the notify e-mail target).
 */
const LOCAL_RELAY = 'local_relay_without_tls';

function localRelay(url: URL): boolean {
  return url.searchParams.get(LOCAL_RELAY) === 'true';
}

function smtpRelayAllowed(url: URL): boolean {
  return url.protocol === 'smtp:' && !url.username && !url.password;
}

/** What `serve` needs besides storage. */
export const serveSchema = storageSchema.extend({
  SUBSCRIBERS_LINK_SECRET: secret('SUBSCRIBERS_LINK_SECRET', 32),
  SUBSCRIBERS_EVENT_SECRET: secret('SUBSCRIBERS_EVENT_SECRET', 16),
  SUBSCRIBERS_ADMIN_TOKEN: secret('SUBSCRIBERS_ADMIN_TOKEN', 32).optional(),
  SMTP_URL: z
    .string({ error: `SMTP_URL is not set (${ENVIRONMENT.SMTP_URL})` })
    .refine(
      (s) => /^smtps?:\/\//.test(s) && URL.canParse(s),
      'SMTP_URL: use smtp://host:port or smtps://host:port',
    )
    .refine(
      (s) => !URL.canParse(s) || !localRelay(new URL(s)) || smtpRelayAllowed(new URL(s)),
      `SMTP_URL: ${LOCAL_RELAY} is for a relay on smtp:// with no user or password: credentials never travel without TLS`,
    ),
  SUBSCRIBERS_FROM: z
    .string({ error: `SUBSCRIBERS_FROM is not set (${ENVIRONMENT.SUBSCRIBERS_FROM})` })
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'SUBSCRIBERS_FROM: an address such as status@example.com'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SUBSCRIBERS_TRUST_PROXY: z.enum(['0', '1']).default('0'),
});

export type StorageSettings = z.output<typeof storageSchema>;
export type ServeSettings = z.output<typeof serveSchema>;

/** Parses `env` with `schema`; throws an Error listing every problem, one per line. */
export function readSettings<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.output<S> {
  // An empty variable counts as unset (a blank line in an env file).
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(set);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
}

/** nodemailer's pooled transport options from SMTP_URL: credentials apart from where. */
export function smtpOptions(
  url: string,
  options: { connections: number; timeoutMs: number },
): {
  server: string;
  secret: string | undefined;
  transport: {
    pool: true;
    host: string;
    port: number;
    secure: boolean;
    requireTLS: boolean;
    ignoreTLS: boolean;
    auth?: { user: string; pass: string };
    maxConnections: number;
    maxMessages: number;
    connectionTimeout: number;
    greetingTimeout: number;
    socketTimeout: number;
  };
} {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const port = Number(parsed.port || (secure ? 465 : 587));
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  return {
    server: `${parsed.hostname}:${port}`,
    secret: pass || undefined,
    transport: {
      pool: true,
      host: parsed.hostname,
      port,
      secure,
      requireTLS: !secure && !localRelay(parsed),
      // A relay declared without TLS is spoken to in plain text even if it offers STARTTLS.
      ignoreTLS: localRelay(parsed),
      ...(user ? { auth: { user, pass } } : {}),
      maxConnections: options.connections,
      // A pooled connection is kept for many messages: the handshake is paid once, not 10,000 times.
      maxMessages: 10_000,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    },
  };
}
