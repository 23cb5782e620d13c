/** One sender per kind of target: each builds its request or mail, then makes one attempt. */
import type { NotificationTarget } from '../../config/schema.ts';
import type { SiteModel } from '../../model/site.ts';
import { DeliveryError } from '../delivery.ts';
import { postOnce, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';
import { discordRequest } from './discord.ts';
import { emailMessage, smtpSender } from './email.ts';
import { mastodonRequest } from './mastodon.ts';
import { slackRequest } from './slack.ts';
import { subscribersRequest } from './subscribers.ts';
import { telegramRequest } from './telegram.ts';
import { webhookRequest } from './webhook.ts';

/** Sends messages to one target (its secrets filled in). */
export interface TargetSender {
  /** One attempt, under `signal`'s deadline; throws a DeliveryError. */
  attempt: (message: NotificationMessage, signal: AbortSignal) => Promise<string | undefined>;
  /** Releases connections (SMTP). */
  close: () => void;
}

export interface SenderDeps {
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  site: SiteModel;
  /** Extra trusted certificate authorities (PEM) for SMTP's TLS; tests pass their own. */
  ca?: readonly string[] | undefined;
}

/** The sender of a target whose `${NAME}` placeholders are filled in. */
export function targetSender(target: NotificationTarget, deps: SenderDeps): TargetSender {
  if (target.kind === 'email') {
    const mail = smtpSender(target, deps.timeoutMs, deps.ca);
    const host = new URL(deps.site.config.site.url).host;
    return {
      attempt: (message, signal) => mail.send(emailMessage(target, message, host), signal),
      close: mail.close,
    };
  }
  const request = (message: NotificationMessage): HttpRequest => {
    switch (target.kind) {
      case 'slack':
        return slackRequest(target, message);
      case 'discord':
        return discordRequest(target, message);
      case 'telegram':
        return telegramRequest(target, message);
      case 'mastodon':
        return mastodonRequest(target, message, deps.site.config.site.locale);
      case 'webhook':
        // Stamped at each attempt: the signed time is when this attempt left.
        return webhookRequest(target, message, deps.now());
      case 'subscribers':
        // Stamped at each attempt, like the webhook.
        return subscribersRequest(target, message, { site: deps.site, now: deps.now() });
    }
  };
  return {
    attempt: async (message, signal) => {
      const built = request(message);
      if (!/^https?:\/\//i.test(built.url) || !URL.canParse(built.url)) {
        // The URL came from a secret: it is described, never shown.
        throw new DeliveryError('the target URL (from its secret) is not an http(s) URL', {
          verdict: 'permanent',
        });
      }
      await postOnce(built, { ...deps, signal });
      return undefined;
    },
    close: () => undefined,
  };
}
