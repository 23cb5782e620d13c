/**
 * The schema of `content/heliograph.yaml`: the site, its components and groups, the checks behind
 * them, the business's contact channels and the probe policy. Every type of the configuration
 * derives from this schema; unknown keys are errors so that a typo never passes silently.
 */
import { z } from 'astro/zod';
import { isSafeLinkUrl, SAFE_LINK_RULE } from '../text/link-url.ts';
import { isValidTimeZone } from '../time.ts';

/** Ids appear in URLs and file names: lower-case letters, digits and dashes. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes (e.g. "api-eu")');

/** Interface languages that ship. */
export const LOCALES = ['en', 'it', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Kinds of contact channel; `kind` chooses the icon and wording, nothing else. */
export const CHANNEL_KINDS = [
  'whatsapp',
  'instagram',
  'facebook',
  'telegram',
  'messenger',
  'x',
  'bluesky',
  'mastodon',
  'email',
  'phone',
  'sms',
  'web',
  'other',
] as const;

const duration = (what: string) => z.number().positive(`${what} must be a positive number`);

/**
 * A list that also takes one value written alone: `expect_status: 200` means `[200]`, a slip with
 * one obvious meaning, so it is accepted rather than refused.
 */
function oneOrMany<T extends z.ZodType>(list: z.ZodArray<T>) {
  return z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), list);
}

/** Options every check shares. */
const checkBase = {
  /** A name shown in reasons when a component has several checks. */
  name: z.string().min(1).optional(),
  /** Hard deadline for the whole check, retries and body included; defaults to the probe policy. */
  timeout_seconds: duration('timeout_seconds').max(120).optional(),
  /** Attempts after the first within one run; defaults to the probe policy. */
  retries: z.number().int().min(0).max(5).optional(),
};

const expectStatus = oneOrMany(
  z
    .array(
      z.union([
        z.number().int().min(100).max(599),
        z.string().regex(/^[1-5]xx$/, 'use a code such as 200 or a class such as "2xx"'),
      ]),
    )
    .min(1),
);

const regexString = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      // An invalid pattern is exactly what this refinement reports.
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** A URL, allowing `${SECRET}` placeholders that the prober fills in at run time. */
const checkUrl = z
  .string()
  .refine((s) => URL.canParse(s.replace(/\$\{[A-Z0-9_]+\}/g, 'x')), 'not a valid URL')
  .refine((s) => /^https?:/i.test(s), 'use an http:// or https:// URL');

export const httpCheckSchema = z.strictObject({
  type: z.literal('http'),
  ...checkBase,
  url: checkUrl,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  /** Accepted status codes or classes; default 2xx. */
  expect_status: expectStatus.optional(),
  body_contains: z.string().min(1).optional(),
  body_regex: regexString.optional(),
  /** A value in a JSON response, at a dotted path such as `status.indicator` or `items.0.ok`. */
  json: z
    .strictObject({
      path: z.string().min(1),
      equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    })
    .optional(),
  /** Slower than this (total time) counts as degraded_performance. */
  max_response_ms: z.number().int().positive().optional(),
  max_redirects: z.number().int().min(0).max(20).default(5),
  /** TLS certificates are verified unless this is false. */
  verify_tls: z.boolean().default(true),
});

export const tcpCheckSchema = z.strictObject({
  type: z.literal('tcp'),
  ...checkBase,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** Text the server must send first (an SMTP "220", an SSH "SSH-"); omitted, connecting is enough. */
  expect_banner: z.string().min(1).optional(),
});

export const dnsCheckSchema = z.strictObject({
  type: z.literal('dns'),
  ...checkBase,
  name: z.string().min(1),
  record: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT']).default('A'),
  /** Values that must all be present in the answer; omitted, any answer passes. */
  expect: oneOrMany(z.array(z.string().min(1))).optional(),
  /** Resolver address, `ip` or `ip:port`; defaults to the system's. */
  server: z.string().min(1).optional(),
});

export const tlsCheckSchema = z.strictObject({
  type: z.literal('tls'),
  ...checkBase,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(443),
  /** Name the certificate must cover; defaults to `host`. */
  servername: z.string().min(1).optional(),
  /** Fewer days left than this is degraded_performance; defaults to the probe policy. */
  warn_days: z.number().int().min(0).optional(),
});

export const statuspageCheckSchema = z.strictObject({
  type: z.literal('statuspage'),
  ...checkBase,
  /** The third-party page's base URL; `/api/v2/summary.json` is read from it. */
  url: checkUrl,
  /** The component's id or exact name on that page. */
  component: z.string().min(1),
});

/** One check behind a component; `type` selects the options. */
export const checkSchema = z.discriminatedUnion('type', [
  httpCheckSchema,
  tcpCheckSchema,
  dnsCheckSchema,
  tlsCheckSchema,
  statuspageCheckSchema,
]);
export type Check = z.output<typeof checkSchema>;

export const groupSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  description: z.string().optional(),
});

export const componentSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  /** The id of the group this component sits in. */
  group: idSchema.optional(),
  /** When the component began to be reported on (`YYYY-MM-DD`); earlier days show no data. */
  start_date: z.iso.date('use a date such as 2026-01-31').optional(),
  /** Hide the component while it is operational (Statuspage's only_show_if_degraded). */
  only_show_if_degraded: z.boolean().default(false),
  /** What the prober runs; none means the status comes from incidents only. */
  checks: z.array(checkSchema).default([]),
  /** Marks a third-party platform the business depends on (WhatsApp, a payment provider…). */
  third_party: z.boolean().default(false),
});

/** One set of related components, by id: at least two, each once. */
export const relatedSetSchema = z.array(idSchema).min(2, 'a set relates at least two components');

export const channelSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  kind: z.enum(CHANNEL_KINDS),
  /**
   * Where a customer reaches the business on this channel: an https:, http:, mailto:, tel: or sms:
   * URL, or a path on this site (`/contact/`). It becomes a link, so nothing else is accepted.
   */
  url: z.string().refine(isSafeLinkUrl, SAFE_LINK_RULE),
  /** A short line shown with the link, e.g. the phone number or the address. */
  label: z.string().optional(),
  /** The component whose status this channel follows; none means always available. */
  component: idSchema.optional(),
  /** Lower comes first among the alternatives offered when another channel is down. */
  fallback_order: z.number().int().optional(),
});

/**
 * The incident page's share box. A static page cannot send a reader to a Mastodon server they type
 * without a script, so the box links to the servers listed here and shows the text for any other.
 */
export const shareSchema = z.strictObject({
  /** Mastodon servers the share box offers, by host name, the one most readers use first. */
  mastodon_instances: z
    .array(
      z
        .string()
        .regex(
          /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i,
          'use a server name such as mastodon.social, without https://',
        ),
    )
    .min(1, 'list at least one server, or leave the key out for mastodon.social')
    .default(['mastodon.social']),
});

/** How the site is built (docs/going-live.md, "Serving it yourself"). */
export const buildSchema = z.strictObject({
  /**
   * Write `.gz` and `.br` copies beside every HTML, XML, JSON, SVG, CSS and JavaScript file, for
   * hosts that serve them as they are (nginx `gzip_static`, Caddy `precompressed`, S3 behind a
   * CDN). Off by default: GitHub Pages compresses by itself and would publish the copies as files.
   */
  precompress: z.boolean().default(false),
});

/** The prober's policy; docs/configuration.md ("Probe policy") explains the defaults. */
export const probeSchema = z.strictObject({
  /** Minutes between scheduled runs; each sample stands for this long. */
  interval_minutes: z.number().int().min(1).max(1440).default(5),
  /** Checks running at once. */
  concurrency: z.number().int().min(1).max(1024).default(32),
  /** Hard deadline of one check, retries and body included. */
  timeout_seconds: duration('timeout_seconds').max(120).default(10),
  /** Attempts after the first, with backoff, within one run. */
  retries: z.number().int().min(0).max(5).default(1),
  /** Largest response body read, in bytes. */
  body_limit_bytes: z.number().int().min(1024).default(1_048_576),
  /**
   * Consecutive runs that must agree before a component is marked down. Two rule out one blip; at
   * most 20, as more would keep a real outage off the page for over an hour at the default interval.
   */
  confirm_down: z.number().int().min(1).max(20).default(2),
  /** Consecutive runs that must agree before a component is marked recovered (same bounds). */
  confirm_up: z.number().int().min(1).max(20).default(2),
  /** Days raw samples are kept; daily rollups are kept for ever. */
  retention_days: z.number().int().min(2).max(3650).default(90),
  /** A TLS certificate with fewer days left is degraded_performance. */
  tls_warning_days: z.number().int().min(0).default(14),
  /**
   * Data older than this is flagged as stale on the page ("checks delayed since…"); by default
   * three probe intervals (src/lib/model/freshness.ts).
   */
  stale_after_minutes: z.number().int().min(1).optional(),
  /** Open an incident automatically on a confirmed outage. */
  auto_incidents: z.boolean().default(true),
  /** Count maintenance minutes as up time in uptime figures instead of leaving them out. */
  count_maintenance_as_up: z.boolean().default(false),
  /** Parallel probe jobs in the GitHub Actions workflow. */
  shards: z.number().int().min(1).max(256).default(1),
  /**
   * Runner labels for the probe jobs, used in turn by the shards (e.g. self-hosted runners in
   * other regions: `[ubuntu-latest, self-hosted-eu, self-hosted-us]`).
   */
  runners: oneOrMany(z.array(z.string().min(1)).min(1)).default(['ubuntu-latest']),
});

export const siteSchema = z.strictObject({
  title: z.string().min(1),
  /** The public URL where the site is served, with no path (the path goes in `base`). */
  url: z
    .url({
      protocol: /^https?$/,
      error: 'use an absolute http(s) URL such as https://status.example.com',
    })
    .refine((s) => new URL(s).pathname === '/', 'put the path in `base`, not in `url`'),
  /** Path the site is served under, such as `/` or `/status/`. */
  base: z
    .string()
    .regex(
      /^\/([A-Za-z0-9._~-]+\/)*$/,
      'use a path that starts and ends with "/", such as /status/',
    )
    .default('/'),
  description: z.string().default(''),
  locale: z.enum(LOCALES).default('en'),
  /** IANA time zone in which days and dates are shown. */
  time_zone: z.string().refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Rome)'),
  /** Logo file inside the content folder (SVG or PNG), or omitted. */
  logo: z
    .string()
    .regex(/^[A-Za-z0-9._-]+\.(svg|png)$/, 'a file name in the content folder ending .svg or .png')
    .optional(),
});

/** GitHub: issues as a way to post incidents, and notifications of automatic ones. */
export const githubSchema = z.strictObject({
  /** Issues with this label become incidents (when their author may write to the repository). */
  label: z.string().min(1).default('incident'),
  /** Automatic incidents from the prober also open a GitHub issue; recovery comments and closes it. */
  auto_issues: z.boolean().default(false),
});

/** What a notification can be about; a target's `events` lists the ones it wants. */
export const NOTIFICATION_EVENTS = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'maintenance.scheduled',
  'maintenance.reminder',
  'maintenance.started',
  'maintenance.ended',
] as const;
export type NotificationEventKind = (typeof NOTIFICATION_EVENTS)[number];

/** A credential must come from the environment: written in this file, it would be committed. */
const secretValue = (what: string) =>
  z
    .string()
    .min(1)
    .refine(
      (s) => /\$\{[A-Z0-9_]+\}/.test(s),
      `write the ${what} as \${NAME} and set NAME as a repository secret: a value written here would be committed with this file`,
    );

/** A webhook URL, a credential itself: `${NAME}` for all of it, or a URL with `${NAME}` inside. */
const secretUrl = (what: string) =>
  secretValue(what).refine(
    (s) =>
      /^\$\{[A-Z0-9_]+\}$/.test(s) ||
      (URL.canParse(s.replace(/\$\{[A-Z0-9_]+\}/g, 'x')) && /^https?:/i.test(s)),
    'use an http(s) URL, or ${NAME} for the whole URL',
  );

/** Options every notification target shares. */
const notificationBase = {
  /** Names the target in logs and in the record of what was sent; defaults to its kind. */
  id: idSchema.optional(),
  /** The events sent to this target; all of them when omitted. */
  events: oneOrMany(
    z.array(z.enum(NOTIFICATION_EVENTS)).min(1, 'list at least one event'),
  ).optional(),
  /**
   * Events older than this are never sent to the target, so that adding it to an old site does not
   * post the site's history.
   */
  horizon_hours: z
    .number()
    .positive('horizon_hours must be a positive number')
    .max(720)
    .default(24),
};

/** A Slack incoming webhook; the URL is the credential. */
export const slackTargetSchema = z.strictObject({
  kind: z.literal('slack'),
  ...notificationBase,
  webhook: secretUrl('webhook URL'),
});

/** A Discord channel webhook; the URL is the credential. */
export const discordTargetSchema = z.strictObject({
  kind: z.literal('discord'),
  ...notificationBase,
  webhook: secretUrl('webhook URL'),
});

/** A Telegram chat, through a bot (`sendMessage`). */
export const telegramTargetSchema = z.strictObject({
  kind: z.literal('telegram'),
  ...notificationBase,
  /** The bot token from @BotFather. */
  token: secretValue('bot token'),
  /** `@channelname` or a numeric chat id. */
  chat: z.union([z.string().min(1), z.number().int().transform(String)]),
  /** The Bot API's address; for tests and self-hosted Bot API servers only. */
  api_base: checkUrl.default('https://api.telegram.org'),
});

/** A Mastodon account: each event becomes a post. */
export const mastodonTargetSchema = z.strictObject({
  kind: z.literal('mastodon'),
  ...notificationBase,
  /** The account's server, e.g. https://mastodon.social. */
  instance: checkUrl,
  /** An access token with the `write:statuses` scope. */
  token: secretValue('access token'),
  visibility: z.enum(['public', 'unlisted', 'private']).default('public'),
});

/** Any HTTPS endpoint: a JSON payload signed with HMAC-SHA256 (docs/notifications.md, "The webhook payload"). */
export const webhookTargetSchema = z.strictObject({
  kind: z.literal('webhook'),
  ...notificationBase,
  url: checkUrl,
  /** The key of the `X-Heliograph-Signature` HMAC, shared with the receiver. */
  secret: secretValue('signing secret'),
});

/**
 * The business's own subscription service (`npm run subscribers -- serve`): each event is posted to
 * it signed like the webhook's, and the service e-mails it to every confirmed subscriber once.
 */
export const subscribersTargetSchema = z.strictObject({
  kind: z.literal('subscribers'),
  ...notificationBase,
  /** The service's base URL; defaults to `subscriptions.url`. */
  url: checkUrl.optional(),
  /** The key of the `X-Heliograph-Signature` HMAC; the service reads it as SUBSCRIBERS_EVENT_SECRET. */
  secret: secretValue('signing secret'),
});

/** E-mail through an SMTP server. */
export const emailTargetSchema = z.strictObject({
  kind: z.literal('email'),
  ...notificationBase,
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(587),
      /** TLS from the first byte (the default on port 465); otherwise STARTTLS, which is required. */
      secure: z.boolean().optional(),
      /**
       * The server is a relay on this machine or its private network that offers no TLS (Postfix
       * on localhost, a sidecar): mail goes to it in plain text. Without this, a server that offers
       * no TLS is refused. A relay without TLS takes no user or password: they would cross the
       * network in plain text.
       */
      local_relay_without_tls: z.boolean().default(false),
      user: z.string().min(1).optional(),
      password: secretValue('SMTP password').optional(),
    })
    .superRefine((smtp, ctx) => {
      if (!smtp.local_relay_without_tls) return;
      for (const field of ['user', 'password'] as const) {
        if (smtp[field] === undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `a relay without TLS takes no ${field}: it would cross the network in plain text (log in over TLS instead: remove local_relay_without_tls)`,
        });
      }
      if (smtp.secure === true) {
        ctx.addIssue({
          code: 'custom',
          path: ['secure'],
          message: 'secure (TLS) and local_relay_without_tls contradict each other: keep one',
        });
      }
    }),
  /** The sender, e.g. `Forno Aurora status <status@fornoaurora.example>`. */
  from: z.string().min(1).regex(/@/, 'an e-mail address such as status@example.com'),
  to: oneOrMany(
    z
      .array(z.string().regex(/@/, 'an e-mail address such as team@example.com'))
      .min(1, 'list at least one recipient'),
  ),
});

/** One place notifications go; `kind` selects the options. */
export const notificationTargetSchema = z.discriminatedUnion('kind', [
  slackTargetSchema,
  discordTargetSchema,
  telegramTargetSchema,
  mastodonTargetSchema,
  webhookTargetSchema,
  emailTargetSchema,
  subscribersTargetSchema,
]);
export type NotificationTarget = z.output<typeof notificationTargetSchema>;

/** Settings of `npm run notify` that apply to every target. */
export const notifySchema = z.strictObject({
  /**
   * Minutes before a maintenance window starts at which a reminder is sent (0: no reminder). A
   * window announced later than that gets no reminder: its announcement is recent enough.
   */
  remind_before_minutes: z.number().int().min(0).max(10_080).default(60),
});

/** A target's id: its own, or its kind. */
export function targetId(target: Pick<NotificationTarget, 'id' | 'kind'>): string {
  return target.id ?? target.kind;
}

/** The ids of a configuration's components: what incidents, maintenance and channels may name. */
export function componentIds(config: { components: readonly { id: string }[] }): Set<string> {
  return new Set(config.components.map((c) => c.id));
}

/** E-mail sign-up on the page, served by the subscription service (`npm run subscribers`). */
export const subscriptionsSchema = z.strictObject({
  /**
   * The service's public base URL, such as https://subscribe.example.com/: the page's form posts to
   * it, and links in its e-mails point at it. Without it the page has no sign-up form.
   */
  url: z
    .url({
      protocol: /^https?$/,
      error: 'use an absolute http(s) URL such as https://subscribe.example.com/',
    })
    .refine((s) => !/[?#]/.test(s), 'use a URL without ? or #'),
  /**
   * Show "N people follow this page", read from the service's public count when the site is built
   * (an unreachable service leaves the line out; the build never fails for it).
   */
  show_count: z.boolean().default(false),
});

/**
 * The whole configuration file. What one part says of another (a component's group, a channel's
 * component, ids given twice) is checked apart, by `configReferences` in references.ts, so that
 * those problems are found even while the file has others.
 */
export const configSchema = z.strictObject({
  site: siteSchema,
  groups: z.array(groupSchema).default([]),
  components: z.array(componentSchema).min(1, 'list at least one component'),
  channels: z.array(channelSchema).default([]),
  probe: probeSchema.prefault({}),
  share: shareSchema.prefault({}),
  /** How the site is built: `precompress` writes .gz and .br copies beside each text file. */
  build: buildSchema.prefault({}),
  github: githubSchema.prefault({}),
  /** Where incident updates and maintenance starts are pushed (`npm run notify`). */
  notifications: z.array(notificationTargetSchema).default([]),
  /** E-mail subscriptions; omitted, the page offers no sign-up form. */
  subscriptions: subscriptionsSchema.optional(),
  /** Settings of `npm run notify` shared by every target. */
  notify: notifySchema.prefault({}),
  /**
   * Sets of components that fail together (e.g. `[whatsapp, instagram, facebook]`, one
   * company's platforms): an outage of several of them is one automatic incident. Components of
   * one group are related too. Sets that share a component act as one.
   */
  related: z.array(relatedSetSchema).default([]),
});

export type Config = z.output<typeof configSchema>;
export type SiteConfig = Config['site'];
export type ComponentConfig = Config['components'][number];
export type GroupConfig = Config['groups'][number];
export type ChannelConfig = Config['channels'][number];
export type ProbePolicy = Config['probe'];
export type GithubConfig = Config['github'];
export type NotifyConfig = Config['notify'];
export type SlackTarget = z.output<typeof slackTargetSchema>;
export type DiscordTarget = z.output<typeof discordTargetSchema>;
export type TelegramTarget = z.output<typeof telegramTargetSchema>;
export type MastodonTarget = z.output<typeof mastodonTargetSchema>;
export type WebhookTarget = z.output<typeof webhookTargetSchema>;
export type EmailTarget = z.output<typeof emailTargetSchema>;
export type SubscribersTarget = z.output<typeof subscribersTargetSchema>;
export type SubscriptionsConfig = z.output<typeof subscriptionsSchema>;
