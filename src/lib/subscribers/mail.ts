/**
 * The e-mails the service sends, in the subscriber's language: the confirmation request, and an
 * event's e-mail text (subject and body written by src/lib/share/texts.ts, carried in the event)
 * with a footer of links. Every e-mail carries a one-click unsubscribe link in its text and in
 * `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058), and a Message-ID that is the same
 * every time the same delivery is attempted, so a copy sent twice after a crash can be recognised.
 */
import type { SendMailOptions } from 'nodemailer';
import { fill, messages } from '../i18n/messages.ts';
import { servicePaths, serviceUrl } from '../paths.ts';
import type { SubscriberPolicy } from './policy.ts';
import type { DueDelivery } from './store.ts';
import { signToken, type TokenPurpose } from './tokens.ts';

/** What composing needs besides the delivery. */
export interface MailContext {
  /** The sender, e.g. `Forno Aurora status <status@fornoaurora.example>`. */
  from: string;
  siteTitle: string;
  /** The service's public base URL (`subscriptions.url`). */
  serviceBase: string;
  /** The key that signs links. */
  linkSecret: string;
  policy: SubscriberPolicy;
}

/** The mail for one delivery, composed at `now` (links expire from then). */
export function deliveryMail(
  delivery: DueDelivery,
  ctx: MailContext,
  now: number,
): SendMailOptions {
  const { subscriber } = delivery;
  const t = messages(subscriber.locale).subscriptions;
  const link = (purpose: TokenPurpose, path: string, lifetime?: number): string =>
    serviceUrl(ctx.serviceBase, path, {
      token: signToken(
        ctx.linkSecret,
        purpose,
        subscriber.id,
        lifetime === undefined ? undefined : now + lifetime,
      ),
    });
  const unsubscribe = link('unsubscribe', servicePaths.unsubscribe());
  const site = ctx.siteTitle;
  let subject: string;
  let text: string;
  if (delivery.kind === 'confirm') {
    const hours = String(ctx.policy.confirmLinkMs / 3_600_000);
    subject = fill(t.confirmMail.subject, { site });
    text = [
      fill(t.confirmMail.body, {
        site,
        hours,
        link: link('confirm', servicePaths.confirm(), ctx.policy.confirmLinkMs),
      }),
      '',
      fill(t.confirmMail.unsubscribe, { unsubscribe }),
    ].join('\n');
  } else {
    // The event carries every language; the site's own is the fallback for a language added later.
    const email = delivery.email[subscriber.locale] ?? Object.values(delivery.email)[0];
    subject = email?.subject ?? site;
    const preferences = link(
      'preferences',
      servicePaths.preferences(),
      ctx.policy.preferencesLinkMs,
    );
    // "-- " starts a signature: mail programs set the footer apart (RFC 3676 §4.3).
    text = `${(email?.body ?? delivery.url).trimEnd()}\n\n-- \n${fill(t.footer, { site, preferences, unsubscribe })}`;
  }
  return {
    from: ctx.from,
    to: subscriber.email,
    subject,
    text: `${text}\n`,
    messageId: `<${delivery.message.replace(':', '-')}.${subscriber.id}@${new URL(ctx.serviceBase).hostname}>`,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // Out-of-office replies stay away from an automatic message (RFC 3834).
      'Auto-Submitted': 'auto-generated',
    },
  };
}
