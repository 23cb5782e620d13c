/**
 * Everything the service keeps, written once over `Database` (SQLite or PostgreSQL): subscribers
 * and their components, events, and the deliveries that fan an event out to subscribers. Each
 * operation that changes several rows runs in one transaction.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'astro/zod';
import { LOCALES, type Locale } from '../config/schema.ts';
import type { SubscriberEvent } from '../notify/targets/subscribers.ts';
import type { Database, Executor, Held } from './db.ts';
import type { SubscriberPolicy } from './policy.ts';

/** A subscriber as stored. */
export interface Subscriber {
  id: string;
  email: string;
  locale: Locale;
  source: 'form' | 'import';
  createdAt: number;
  consentAt: number | null;
  confirmedAt: number | null;
  /** Followed components; empty means all. */
  components: string[];
}

const time = z.number().int().nullable();
const subscriberRow = z.object({
  id: z.string(),
  email: z.string(),
  locale: z.enum(LOCALES),
  source: z.enum(['form', 'import']),
  created_at: z.number().int(),
  consent_at: time,
  confirmed_at: time,
});
const componentRow = z.object({ subscriber_id: z.string(), component: z.string() });
const countRow = z.object({ n: z.number().int() });
const windowRow = z.object({ n: z.number().int(), first: time, last: time });

/** The e-mail text of an event in each language, as stored. */
const storedEmail = z.record(z.string(), z.object({ subject: z.string(), body: z.string() }));

const dueRow = z.object({
  message: z.string(),
  subscriber_id: z.string(),
  kind: z.enum(['event', 'confirm']),
  attempts: z.number().int(),
  email: z.string(),
  locale: z.enum(LOCALES),
  url: z.string().nullable(),
  texts: z.string().nullable(),
});

/** A message due to one subscriber, as the sender needs it. */
export type DueDelivery = {
  message: string;
  attempts: number;
  subscriber: { id: string; email: string; locale: Locale };
} & (
  | { kind: 'confirm' }
  | { kind: 'event'; url: string; email: Record<string, { subject: string; body: string }> }
);

/** A delivery one sender holds until it reports the outcome. */
export interface Claim {
  delivery: DueDelivery;
  /** The SMTP server accepted it. */
  sent: (at: number) => Promise<void>;
  /** A temporary failure: try again at `dueAt`. */
  retry: (at: number, dueAt: number, error: string) => Promise<void>;
  /** Given up for good. */
  fail: (at: number, error: string) => Promise<void>;
  /** Let go unchanged (shutting down before sending). */
  release: () => Promise<void>;
}

/** What a sign-up did. */
export type SignUpResult =
  | { kind: 'queued'; subscriber: string }
  | { kind: 'already-confirmed' }
  | { kind: 'too-soon'; retryAt: number };

/** A sign-up or import row, before it is stored. */
export interface NewSubscriber {
  email: string;
  locale: Locale;
  components: readonly string[];
  source: 'form' | 'import';
  consentAt: number | null;
  confirmedAt: number | null;
}

export interface Store {
  /** Records a form sign-up and queues its confirmation e-mail, within the per-address limits. */
  signUp: (input: NewSubscriber, at: number) => Promise<SignUpResult>;
  subscriber: (id: string) => Promise<Subscriber | undefined>;
  /** Marks the subscriber confirmed (once); undefined when there is no such subscriber. */
  confirm: (id: string, at: number) => Promise<Subscriber | undefined>;
  setComponents: (id: string, components: readonly string[]) => Promise<boolean>;
  /** Erases the subscriber and every row about them (components, deliveries). */
  remove: (id: string) => Promise<boolean>;
  /** The same, by address. */
  forget: (email: string) => Promise<boolean>;
  /**
   * Records an event once (by id) and, in the same transaction, one delivery per confirmed
   * subscriber who follows one of its components (or all of them): one INSERT … SELECT.
   */
  recordEvent: (
    event: SubscriberEvent,
    at: number,
  ) => Promise<{ recorded: boolean; deliveries: number }>;
  /** The next due delivery no sender holds, held by this caller. */
  claim: (at: number) => Promise<Claim | undefined>;
  /** Confirmed subscribers. */
  count: () => Promise<number>;
  /** Every subscriber, oldest first. */
  all: () => Promise<Subscriber[]>;
  /** Adds rows whose address is new (consent recorded: confirmed; else a confirmation queued). */
  importRows: (
    rows: readonly NewSubscriber[],
    at: number,
  ) => Promise<{ added: number; confirmations: number; skipped: number }>;
  /** Erases sign-ups left unconfirmed since before `before`. */
  purgeUnconfirmed: (before: number) => Promise<number>;
  /** Deliveries by state (for reports and tests). */
  deliveryCounts: () => Promise<{ pending: number; sent: number; failed: number }>;
}

/**
 * The store over `db`. Longer than 80 lines because it is one object of short methods closing over
 * the same database and policy; each method is one transaction or one statement.
 */
export function createStore(db: Database, policy: SubscriberPolicy): Store {
  const subscriberById = async (ex: Executor, id: string): Promise<Subscriber | undefined> => {
    const [row] = await ex.all('SELECT * FROM subscribers WHERE id = ?', [id]);
    if (row === undefined) return undefined;
    const components = await ex.all(
      'SELECT subscriber_id, component FROM subscriber_components WHERE subscriber_id = ? ORDER BY component',
      [id],
    );
    return toSubscriber(
      subscriberRow.parse(row),
      components.map((c) => componentRow.parse(c).component),
    );
  };

  const insertSubscriber = async (
    tx: Executor,
    input: NewSubscriber,
    at: number,
  ): Promise<string | undefined> => {
    const id = randomBytes(16).toString('base64url');
    const changed = await tx.run(
      `INSERT INTO subscribers (id, email, locale, source, created_at, consent_at, confirmed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
      [id, input.email, input.locale, input.source, at, input.consentAt, input.confirmedAt],
    );
    if (changed === 0) return undefined;
    await replaceComponents(tx, id, input.components);
    return id;
  };

  const queueConfirmation = (tx: Executor, id: string, at: number): Promise<number> =>
    tx.run(
      `INSERT INTO deliveries (message, subscriber_id, kind, created_at, due_at)
       VALUES (?, ?, 'confirm', ?, ?) ON CONFLICT DO NOTHING`,
      [`confirm:${at}`, id, at, at],
    );

  return {
    signUp: (input, at) =>
      db.transaction(async (tx): Promise<SignUpResult> => {
        const [row] = await tx.all('SELECT * FROM subscribers WHERE email = ?', [input.email]);
        if (row === undefined) {
          const id = await insertSubscriber(tx, input, at);
          // Another service stored the same address a moment ago: its e-mail is on its way.
          if (id === undefined) return { kind: 'too-soon', retryAt: at + policy.addressGapMs };
          await queueConfirmation(tx, id, at);
          return { kind: 'queued', subscriber: id };
        }
        const existing = subscriberRow.parse(row);
        // Nothing changes for a confirmed address, and the answer is the same as for a new one.
        if (existing.confirmed_at !== null) return { kind: 'already-confirmed' };
        // The per-address limits: a few confirmation e-mails a day, never two close together.
        const [counted] = await tx.all(
          `SELECT COUNT(*) AS n, MIN(created_at) AS first, MAX(created_at) AS last FROM deliveries
           WHERE subscriber_id = ? AND kind = 'confirm' AND created_at > ?`,
          [existing.id, at - policy.addressWindowMs],
        );
        const { n, first, last } = windowRow.parse(counted);
        const retryAt = Math.max(
          n >= policy.confirmationsPerAddress && first !== null
            ? first + policy.addressWindowMs
            : 0,
          last === null ? 0 : last + policy.addressGapMs,
        );
        if (retryAt > at) return { kind: 'too-soon', retryAt };
        await tx.run('UPDATE subscribers SET locale = ?, consent_at = ? WHERE id = ?', [
          input.locale,
          input.consentAt,
          existing.id,
        ]);
        await replaceComponents(tx, existing.id, input.components);
        await queueConfirmation(tx, existing.id, at);
        return { kind: 'queued', subscriber: existing.id };
      }),

    subscriber: (id) => subscriberById(db, id),

    confirm: (id, at) =>
      db.transaction(async (tx) => {
        await tx.run(
          'UPDATE subscribers SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL',
          [at, id],
        );
        // A confirmation request still queued (a second sign-up) is not sent to a subscriber.
        await tx.run(
          "DELETE FROM deliveries WHERE subscriber_id = ? AND kind = 'confirm' AND sent_at IS NULL",
          [id],
        );
        return subscriberById(tx, id);
      }),

    setComponents: (id, components) =>
      db.transaction(async (tx) => {
        const [row] = await tx.all('SELECT id FROM subscribers WHERE id = ?', [id]);
        if (row === undefined) return false;
        await replaceComponents(tx, id, components);
        return true;
      }),

    remove: async (id) => (await db.run('DELETE FROM subscribers WHERE id = ?', [id])) > 0,
    forget: async (email) =>
      (await db.run('DELETE FROM subscribers WHERE email = ?', [email.toLowerCase()])) > 0,

    recordEvent: (event, at) =>
      db.transaction(async (tx) => {
        const inserted = await tx.run(
          `INSERT INTO events (id, kind, at, url, email, received_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          [
            event.event.id,
            event.event.type,
            Date.parse(event.event.at),
            event.url,
            JSON.stringify(event.email),
            at,
          ],
        );
        if (inserted === 0) return { recorded: false, deliveries: 0 };
        const components = [...new Set(event.components)];
        if (components.length) {
          await tx.run(
            `INSERT INTO event_components (event_id, component) VALUES ${components.map(() => '(?, ?)').join(', ')}`,
            components.flatMap((c) => [event.event.id, c]),
          );
        }
        const deliveries = await tx.run(FAN_OUT, [
          event.event.id,
          at,
          at,
          event.event.id,
          event.event.id,
        ]);
        return { recorded: true, deliveries };
      }),

    claim: async (at) => {
      const held = await db.claim({
        select: DUE,
        params: [at],
        lock: 'd',
        key: (row) => `${String(row['message'])}\n${String(row['subscriber_id'])}`,
      });
      return held && toClaim(held);
    },

    count: async () => {
      const [row] = await db.all(
        'SELECT COUNT(*) AS n FROM subscribers WHERE confirmed_at IS NOT NULL',
      );
      return countRow.parse(row).n;
    },

    all: async () => {
      const rows = await db.all('SELECT * FROM subscribers ORDER BY created_at, email');
      const components = new Map<string, string[]>();
      for (const r of await db.all(
        'SELECT subscriber_id, component FROM subscriber_components ORDER BY component',
      )) {
        const { subscriber_id: id, component } = componentRow.parse(r);
        components.set(id, [...(components.get(id) ?? []), component]);
      }
      return rows.map((r) => {
        const row = subscriberRow.parse(r);
        return toSubscriber(row, components.get(row.id) ?? []);
      });
    },

    importRows: (rows, at) =>
      db.transaction(async (tx) => {
        let added = 0;
        let confirmations = 0;
        for (const input of rows) {
          const id = await insertSubscriber(tx, input, at);
          if (id === undefined) continue;
          added++;
          if (input.confirmedAt === null) confirmations += await queueConfirmation(tx, id, at);
        }
        return { added, confirmations, skipped: rows.length - added };
      }),

    purgeUnconfirmed: (before) =>
      db.run('DELETE FROM subscribers WHERE confirmed_at IS NULL AND created_at < ?', [before]),

    deliveryCounts: async () => {
      const [row] = await db.all(
        `SELECT
           SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END) AS pending,
           SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
           SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END) AS failed
         FROM deliveries`,
      );
      const counts = z
        .object({ pending: z.coerce.number(), sent: z.coerce.number(), failed: z.coerce.number() })
        .parse(row);
      return counts;
    },
  };
}

/**
 * One delivery per confirmed subscriber who follows every component (no rows), or one the event
 * touches, or any subscriber when the event names no component. Parameters: event id, created,
 * due, event id, event id.
 */
const FAN_OUT = `
INSERT INTO deliveries (message, subscriber_id, kind, created_at, due_at)
SELECT ?, s.id, 'event', ?, ? FROM subscribers s
WHERE s.confirmed_at IS NOT NULL
  AND (
    NOT EXISTS (SELECT 1 FROM subscriber_components sc WHERE sc.subscriber_id = s.id)
    OR NOT EXISTS (SELECT 1 FROM event_components ec WHERE ec.event_id = ?)
    OR EXISTS (
      SELECT 1 FROM subscriber_components sc
      JOIN event_components ec ON ec.component = sc.component
      WHERE sc.subscriber_id = s.id AND ec.event_id = ?
    )
  )
ON CONFLICT DO NOTHING`;

/**
 * Due deliveries, oldest due first, then in the order events came (a subscriber's updates of one
 * incident leave in order, though side-by-side senders may still deliver them a moment apart). A confirmation goes only to an unconfirmed address and an event
 * only to a confirmed one, checked again here at send time. Parameter: now.
 */
const DUE = `
SELECT d.message, d.subscriber_id, d.kind, d.attempts, s.email, s.locale, e.url, e.email AS texts
FROM deliveries d
JOIN subscribers s ON s.id = d.subscriber_id
LEFT JOIN events e ON e.id = d.message
WHERE d.sent_at IS NULL AND d.failed_at IS NULL AND d.due_at <= ?
  AND ((d.kind = 'confirm' AND s.confirmed_at IS NULL) OR (d.kind = 'event' AND s.confirmed_at IS NOT NULL))
ORDER BY d.due_at, d.created_at, d.message`;

const WHERE_HELD = 'WHERE message = ? AND subscriber_id = ?';

function toClaim(held: Held): Claim {
  const row = dueRow.parse(held.row);
  const key = [row.message, row.subscriber_id];
  const subscriber = { id: row.subscriber_id, email: row.email, locale: row.locale };
  const delivery: DueDelivery =
    row.kind === 'confirm'
      ? { kind: 'confirm', message: row.message, attempts: row.attempts, subscriber }
      : {
          kind: 'event',
          message: row.message,
          attempts: row.attempts,
          subscriber,
          url: row.url ?? '',
          email: storedEmail.parse(JSON.parse(row.texts ?? '{}')),
        };
  return {
    delivery,
    sent: (at) =>
      held.finish(`UPDATE deliveries SET sent_at = ?, attempts = attempts + 1 ${WHERE_HELD}`, [
        at,
        ...key,
      ]),
    retry: (_at, dueAt, error) =>
      held.finish(
        `UPDATE deliveries SET due_at = ?, attempts = attempts + 1, error = ? ${WHERE_HELD}`,
        [dueAt, error, ...key],
      ),
    fail: (at, error) =>
      held.finish(
        `UPDATE deliveries SET failed_at = ?, attempts = attempts + 1, error = ? ${WHERE_HELD}`,
        [at, error, ...key],
      ),
    release: held.release,
  };
}

async function replaceComponents(
  tx: Executor,
  id: string,
  components: readonly string[],
): Promise<void> {
  await tx.run('DELETE FROM subscriber_components WHERE subscriber_id = ?', [id]);
  const unique = [...new Set(components)];
  if (unique.length === 0) return;
  await tx.run(
    `INSERT INTO subscriber_components (subscriber_id, component) VALUES ${unique.map(() => '(?, ?)').join(', ')}`,
    unique.flatMap((c) => [id, c]),
  );
}

function toSubscriber(row: z.output<typeof subscriberRow>, components: string[]): Subscriber {
  return {
    id: row.id,
    email: row.email,
    locale: row.locale,
    source: row.source,
    createdAt: row.created_at,
    consentAt: row.consent_at,
    confirmedAt: row.confirmed_at,
    components,
  };
}
