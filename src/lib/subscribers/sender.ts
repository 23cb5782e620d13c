/**
 * The sender: a few workers, each claiming one due delivery, sending it over a pooled SMTP
 * connection and recording the outcome — claim, send, mark. A delivery is marked sent only after the
 * SMTP server accepted it, so a crash never skips anyone; the one window left is between the
 * server's acceptance and the mark (a process killed exactly there sends that message again after
 * restart: at least once, with the same Message-ID, which many mail systems use to drop the copy).
 */
import type { SendMailOptions } from 'nodemailer';
import { smtpError } from '../notify/targets/email.ts';
import type { SubscriberPolicy } from './policy.ts';
import type { Claim, DueDelivery, Store } from './store.ts';

/** The part of a nodemailer transport the sender uses. */
export interface MailTransport {
  sendMail: (mail: SendMailOptions) => Promise<unknown>;
  close: () => void;
}

export interface SenderOptions {
  store: Store;
  transport: MailTransport;
  /** Names the SMTP server in errors (`host:port`), never its credentials. */
  server: string;
  compose: (delivery: DueDelivery, now: number) => SendMailOptions;
  now: () => number;
  policy: SubscriberPolicy;
  log: (line: string) => void;
}

export interface Sender {
  /** Something became due: idle workers look now instead of at their next poll. */
  wake: () => void;
  /** Stops claiming, lets in-flight sends finish (up to the grace period), closes SMTP. */
  stop: () => Promise<void>;
}

/** Starts `policy.sendConcurrency` workers. */
export function startSender(options: SenderOptions): Sender {
  const { policy } = options;
  let stopping = false;
  // Counts wake-ups, so a worker that found nothing just before one does not sleep through it.
  let generation = 0;
  let wakeUp: (() => void) | undefined;
  let woken: Promise<void> = newWake();

  function newWake(): Promise<void> {
    return new Promise<void>((resolve) => (wakeUp = resolve));
  }
  const wake = (): void => {
    generation++;
    const resolve = wakeUp;
    woken = newWake();
    resolve?.();
  };
  const pause = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      void woken.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const worker = async (): Promise<void> => {
    while (!stopping) {
      let claim: Claim | undefined;
      const seen = generation;
      try {
        claim = await options.store.claim(options.now());
      } catch (error) {
        options.log(`sender: cannot read due deliveries: ${describe(error)}`);
      }
      if (claim === undefined) {
        if (generation === seen) await pause(policy.pollMs);
        continue;
      }
      if (stopping) {
        await claim.release();
        break;
      }
      await sendOne(claim, options);
    }
  };
  const workers = Array.from({ length: policy.sendConcurrency }, () => worker());

  return {
    wake,
    stop: async () => {
      stopping = true;
      wake();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, policy.shutdownGraceMs);
      });
      await Promise.race([Promise.allSettled(workers), grace]);
      clearTimeout(timer);
      options.transport.close();
    },
  };
}

/** Sends one claimed delivery and records what happened. */
async function sendOne(claim: Claim, options: SenderOptions): Promise<void> {
  const { delivery } = claim;
  const { policy } = options;
  const label = `${delivery.message} to subscriber ${delivery.subscriber.id}`;
  try {
    await withDeadline(
      options.transport.sendMail(options.compose(delivery, options.now())),
      policy.sendTimeoutMs,
    );
  } catch (error) {
    const failure = smtpError(`[SMTP] ${options.server}`, error);
    const delay = policy.retryDelaysMs[delivery.attempts];
    try {
      if (failure.verdict === 'permanent' || delay === undefined) {
        await claim.fail(options.now(), failure.message);
        options.log(`sender: gave up ${label}: ${failure.message}`);
      } else {
        await claim.retry(options.now(), options.now() + delay, failure.message);
      }
    } catch (recordError) {
      options.log(`sender: cannot record the failure of ${label}: ${describe(recordError)}`);
    }
    return;
  }
  try {
    await claim.sent(options.now());
  } catch (error) {
    // Accepted but not marked: the delivery is due again and will be sent a second time.
    options.log(`sender: sent ${label} but could not mark it sent: ${describe(error)}`);
  }
}

/** `promise`, or a timeout error (nodemailer takes no abort signal). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
