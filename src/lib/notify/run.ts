/**
 * One notification run: the events of the site model, each sent to each target that wants it and
 * has not had it, once. Targets run side by side under a bound; one target's events go in order.
 * A failing target never stops the others; what failed is not recorded, so the next run tries it
 * again while it is within the target's horizon.
 */
import pLimit from 'p-limit';
import type { NotificationTarget } from '../config/schema.ts';
import type { SiteModel } from '../model/site.ts';
import { HOUR } from '../time.ts';
import { deliver, type DeliveryPolicy } from './delivery.ts';
import { notificationEvents, type NotificationEvent } from './events.ts';
import { messageContext, notificationMessage, type NotificationMessage } from './message.ts';
import type { SentRecord } from './record.ts';
import { targetSender } from './targets/index.ts';

/** A target ready to use: its id, and its options with the secrets filled in. */
export interface ResolvedTarget {
  id: string;
  target: NotificationTarget;
}

/**
 * What became of one event for one target: `sent`; `failed` after its attempts; `postponed`
 * because the target was found down earlier in the run; `dry-run` when nothing is sent.
 */
export type SendOutcome = 'sent' | 'failed' | 'postponed' | 'dry-run';

export interface SendResult {
  target: string;
  kind: NotificationTarget['kind'];
  event: Pick<NotificationEvent, 'id' | 'kind' | 'at'>;
  outcome: SendOutcome;
  attempts: number;
  ms: number;
  /** Why it failed (not yet scrubbed of secrets: the caller scrubs what it prints). */
  error?: string | undefined;
}

export interface NotifyRunOptions {
  site: SiteModel;
  targets: readonly ResolvedTarget[];
  record: SentRecord;
  now: () => number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  policy: DeliveryPolicy;
  dryRun?: boolean;
  /** Extra trusted certificate authorities (PEM) for SMTP's TLS (tests). */
  ca?: readonly string[] | undefined;
  /** Called as each result comes (for live output). */
  onResult?: (result: SendResult) => void;
}

/** Sends what is due; resolves with one result per event and target that was due. */
export async function sendNotifications(options: NotifyRunOptions): Promise<SendResult[]> {
  const { site, record, policy } = options;
  const events = notificationEvents(site);
  const ctx = messageContext(site);
  const messages = new Map<string, NotificationMessage>();
  const messageOf = (event: NotificationEvent): NotificationMessage => {
    let message = messages.get(event.id);
    if (!message) messages.set(event.id, (message = notificationMessage(event, ctx)));
    return message;
  };
  const results: SendResult[] = [];
  const report = (result: SendResult): void => {
    results.push(result);
    options.onResult?.(result);
  };
  const limit = pLimit(policy.concurrency);

  await Promise.all(
    options.targets.map(({ id, target }) =>
      limit(async () => {
        const due = dueEvents(events, { id, target }, record, site.now);
        if (due.length === 0) return;
        const base = { target: id, kind: target.kind };
        if (options.dryRun) {
          for (const event of due) {
            messageOf(event);
            report({ ...base, event: brief(event), outcome: 'dry-run', attempts: 0, ms: 0 });
          }
          return;
        }
        const sender = targetSender(target, { ...options, timeoutMs: policy.timeoutMs, site });
        let down = false;
        try {
          for (const event of due) {
            if (down) {
              report({ ...base, event: brief(event), outcome: 'postponed', attempts: 0, ms: 0 });
              continue;
            }
            const message = messageOf(event);
            const started = performance.now();
            const outcome = await deliver((signal) => sender.attempt(message, signal), options);
            const ms = Math.round(performance.now() - started);
            if (outcome.ok) {
              // Recorded at once: a run killed after this line never sends it again.
              record.add(id, event.id, options.now());
              report({
                ...base,
                event: brief(event),
                outcome: 'sent',
                attempts: outcome.attempts,
                ms,
              });
            } else {
              down = outcome.targetDown;
              report({
                ...base,
                event: brief(event),
                outcome: 'failed',
                attempts: outcome.attempts,
                ms,
                error: outcome.error.message,
              });
            }
          }
        } finally {
          sender.close();
        }
      }),
    ),
  );
  return results;
}

/**
 * The events a target still has to receive: of the kinds it wants, not older than its horizon
 * (so that adding a target to an old site does not post its history), and not yet recorded.
 */
export function dueEvents(
  events: readonly NotificationEvent[],
  { id, target }: ResolvedTarget,
  record: Pick<SentRecord, 'has'>,
  now: number,
): NotificationEvent[] {
  const since = now - target.horizon_hours * HOUR;
  return events.filter(
    (e) => (target.events?.includes(e.kind) ?? true) && e.at >= since && !record.has(id, e.id),
  );
}

function brief(event: NotificationEvent): SendResult['event'] {
  return { id: event.id, kind: event.kind, at: event.at };
}
