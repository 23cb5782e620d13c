/** How the subscription service behaves, and why these numbers. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SUBSCRIBER_POLICY = {
  /** A confirmation link works this long: a weekend away from the inbox, not a month. */
  confirmLinkMs: 48 * HOUR,
  /**
   * A preferences link in an e-mail works this long; every e-mail carries a fresh one, so a
   * subscriber always holds a working link, and a forwarded old e-mail stops working in time.
   */
  preferencesLinkMs: 90 * DAY,
  /**
   * Unconfirmed sign-ups are erased after this (longer than the link lives, so a late click still
   * finds the row): an address nobody confirmed is not kept.
   */
  unconfirmedKeepMs: 7 * DAY,
  /** At most this many confirmation e-mails to one address in `addressWindowMs`: no inbox flood. */
  confirmationsPerAddress: 3,
  addressWindowMs: DAY,
  /** And never two within this gap: a double click sends one e-mail. */
  addressGapMs: 10 * MINUTE,
  /**
   * Sign-ups accepted from one client address in `clientWindowMs`: a family or an office behind one
   * address signs up a few people, a script tries thousands. Counted in memory, per instance.
   */
  signupsPerClient: 10,
  clientWindowMs: 10 * MINUTE,
  /** Client addresses remembered at once; the oldest is forgotten first, so memory stays bounded. */
  clientsRemembered: 10_000,
  /** A sign-up form is a few hundred bytes; anything near this is not from our page. */
  formBodyBytes: 16 * 1024,
  /** An event carries three languages of one e-mail; an update's text may be long. */
  eventBodyBytes: 512 * 1024,
  /** An imported CSV posted to the admin endpoint (the CLI reads files of any size). */
  importBodyBytes: 32 * 1024 * 1024,
  /**
   * A signed event is accepted this long after (or before, for clock skew) the time it carries:
   * notify's deadline and retries fit in it, and a recorded request replayed later does not.
   */
  eventWindowMs: 5 * MINUTE,
  /** Messages sent at once, each on its own pooled SMTP connection. */
  sendConcurrency: 4,
  /** Deadline of one SMTP delivery, like notify's. */
  sendTimeoutMs: 10_000,
  /**
   * Waits before the next attempt after a temporary failure (4xx, connection refused); after the
   * last one the delivery is given up and marked failed. About a day in all, as MTAs do.
   */
  retryDelaysMs: [1, 5, 30, 120, 360, 720].map((m) => m * MINUTE),
  /**
   * How often an idle sender looks for due deliveries that no wake-up announced (retries coming due,
   * events recorded by another instance).
   */
  pollMs: 2_000,
  /** On SIGTERM, in-flight sends get this long to finish before the process closes anyway. */
  shutdownGraceMs: 20_000,
  /** Unconfirmed rows are erased this often. */
  purgeEveryMs: HOUR,
  /** The build's wait for the public count; the page is built without the line past it. */
  countTimeoutMs: 3_000,
} as const;

/** The policy's shape, any numbers (tests shorten the waits). */
export type SubscriberPolicy = {
  readonly [K in keyof typeof SUBSCRIBER_POLICY]: (typeof SUBSCRIBER_POLICY)[K] extends number
    ? number
    : (typeof SUBSCRIBER_POLICY)[K];
};
