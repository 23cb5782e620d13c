/**
 * One notification run: the events of the site model, each sent to each target that wants it and
 * has not had it, once. Targets run side by side under a bound; one target's events go in order.
 * A failing target never stops the others; what failed is not recorded, so the next run tries it
 * again while it is within the target's horizon. A target's first run records that it was seen
 * and sends nothing older: it starts with what happens next.
 */
import pLimit from 'p-limit';
import type { NotificationTarget } from '../config/schema.ts';
import type { SiteModel } from '../model/site.ts';
import { HOUR } from '../time.ts';
import { deliver, type DeliveryPolicy } from './delivery.ts';
import { notificationEvents, testEvent, type NotificationEvent } from './events.ts';
import {
  messageContext,
  notificationMessage,
  type NotificationMessage,
  type SentEvent,
} from './message.ts';
import { CONFIGURED, type SentRecord } from './record.ts';
import { targetSender } from './targets/index.ts';

/** A target ready to use: its id, and its options with the secrets filled in. */
export interface ResolvedTarget {
  id: string;
  target: NotificationTarget;
  /**
   * Why it cannot send (a secret not set): a dry run still shows what it would get; a real run
   * leaves it out.
   */
  missing?: string | undefined;
}

/**
 * What became of one event for one target: `sent`; `failed` after its attempts; `postponed`
 * because the target was found down earlier in the run; `dry-run` when nothing is sent.
 */
export type SendOutcome = 'sent' | 'failed' | 'postponed' | 'dry-run';

export interface SendResult {
  target: string;
  kind: NotificationTarget['kind'];
  event: Pick<SentEvent, 'id' | 'kind' | 'at'>;
  outcome: SendOutcome;
  attempts: number;
  ms: number;
  /** Why it failed (not yet scrubbed of secrets: the caller scrubs what it prints). */
  error?: string | undefined;
  /** In a dry run, the text the target would get. */
  preview?: string | undefined;
}

/** A target's first run: when it was first seen, and how many older events it will never get. */
export interface FirstRun {
  target: string;
  at: number;
  skipped: number;
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
  /** Called when a target is seen for the first time, before any of its results. */
  onFirstRun?: (first: FirstRun) => void;
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
    options.targets.map(({ id, target, missing }) =>
      limit(async () => {
        if (missing !== undefined && !options.dryRun) return;
        const configuredAt = firstSeen(id, options, events, target);
        const due = dueEvents(events, { id, target }, record, site.now, configuredAt);
        if (due.length === 0) return;
        const base = { target: id, kind: target.kind };
        if (options.dryRun) {
          for (const event of due) {
            const preview = previewText(target, messageOf(event));
            report({
              ...base,
              event: brief(event),
              outcome: 'dry-run',
              attempts: 0,
              ms: 0,
              preview,
            });
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
            const result = await sendOne(sender, messageOf(event), options);
            // Recorded at once: a run killed after this line never sends it again.
            if (result.outcome === 'sent') record.add(id, event.id, options.now());
            down = result.down;
            report({ ...base, ...result.report });
          }
        } finally {
          sender.close();
        }
      }),
    ),
  );
  return results;
}

/** What a run does its work with: the model, the clock, the network and the policy. */
export type NotifyIo = Omit<NotifyRunOptions, 'targets' | 'record' | 'onResult' | 'onFirstRun'>;

/** Sends one test message to one target, recording nothing; resolves with its result. */
export async function sendTestMessage(
  options: NotifyIo & { target: ResolvedTarget },
): Promise<SendResult> {
  const { id, target } = options.target;
  const event = testEvent(options.now());
  const message = notificationMessage(event, messageContext(options.site));
  const base = { target: id, kind: target.kind };
  if (options.dryRun) {
    const preview = previewText(target, message);
    return { ...base, event: brief(event), outcome: 'dry-run', attempts: 0, ms: 0, preview };
  }
  const timeoutMs = options.policy.timeoutMs;
  const sender = targetSender(target, { ...options, timeoutMs, site: options.site });
  try {
    return { ...base, ...(await sendOne(sender, message, options)).report };
  } finally {
    sender.close();
  }
}

/** One delivery: its result for the report, and whether the target is down for this run. */
async function sendOne(
  sender: ReturnType<typeof targetSender>,
  message: NotificationMessage,
  options: Pick<NotifyRunOptions, 'sleep' | 'random' | 'policy'>,
): Promise<{ outcome: SendOutcome; down: boolean; report: Omit<SendResult, 'target' | 'kind'> }> {
  const started = performance.now();
  const outcome = await deliver((signal) => sender.attempt(message, signal), options);
  const ms = Math.round(performance.now() - started);
  const event = brief(message.event);
  if (outcome.ok) {
    return {
      outcome: 'sent',
      down: false,
      report: { event, outcome: 'sent', attempts: outcome.attempts, ms },
    };
  }
  return {
    outcome: 'failed',
    down: outcome.targetDown,
    report: {
      event,
      outcome: 'failed',
      attempts: outcome.attempts,
      ms,
      error: outcome.error.message,
    },
  };
}

/**
 * When the target was first seen. A target never seen before is seen now: that is recorded (not
 * in a dry run), and the events it will therefore never get are counted for the report.
 */
function firstSeen(
  id: string,
  options: NotifyRunOptions,
  events: readonly NotificationEvent[],
  target: NotificationTarget,
): number {
  const known = options.record.configuredAt(id);
  if (known !== undefined) return known;
  const now = options.site.now;
  if (!options.dryRun) options.record.add(id, CONFIGURED, now);
  const older = dueEvents(events, { id, target }, options.record, now, -Infinity).filter(
    (e) => e.at < now,
  );
  options.onFirstRun?.({ target: id, at: now, skipped: older.length });
  return now;
}

/**
 * The events a target still has to receive: of the kinds it wants, not older than its horizon
 * (so that adding a target to an old site does not post its history) nor than the moment it was
 * first seen, and not yet recorded.
 */
export function dueEvents(
  events: readonly NotificationEvent[],
  { id, target }: Pick<ResolvedTarget, 'id' | 'target'>,
  record: Pick<SentRecord, 'has'>,
  now: number,
  configuredAt: number,
): NotificationEvent[] {
  const since = Math.max(now - target.horizon_hours * HOUR, configuredAt);
  return events.filter(
    (e) => (target.events?.includes(e.kind) ?? true) && e.at >= since && !record.has(id, e.id),
  );
}

/** What a target would show of a message, for a dry run: the variant its kind sends. */
function previewText(target: NotificationTarget, message: NotificationMessage): string {
  const { texts } = message;
  switch (target.kind) {
    case 'mastodon':
      return texts.mastodon;
    case 'email':
      return `Subject: ${texts.email.subject}\n\n${texts.email.body}`;
    case 'webhook':
      return `${message.event.kind} ${message.url}`;
    default:
      return texts.telegram;
  }
}

function brief(event: SentEvent): SendResult['event'] {
  return { id: event.id, kind: event.kind, at: event.at };
}
