/**
 * The business's own subscription service (`npm run subscribers -- serve`): each event is posted to
 * `<url>/events` with the ids of the components it touches and its e-mail text in every interface
 * language (subject and body from src/lib/share/texts.ts), so that the service writes to each
 * subscriber in their language without knowing the site's content. Signed as the generic webhook
 * is (signature.ts): the service refuses unsigned events and signed times outside its window.
 *
 * This file is the one home of that request's shape: the service parses what it receives with
 * `subscriberEventSchema`.
 */
import { z } from 'astro/zod';
import {
  idSchema,
  NOTIFICATION_EVENTS,
  type Locale,
  type SubscribersTarget,
} from '../../config/schema.ts';
import type { SiteModel } from '../../model/site.ts';
import { servicePaths, serviceUrl } from '../../paths.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import { messageContext, notificationMessage, type NotificationMessage } from '../message.ts';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../signature.ts';

/** No line break or NUL: these strings become mail headers. */
const headerText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/[\r\n\0]/.test(s), 'must not hold a line break');

/** A mail body: line feeds are fine, a carriage return or NUL is not (SMTP owns line ends). */
const bodyText = z
  .string()
  .min(1)
  .max(100_000)
  .refine((s) => !/[\r\0]/.test(s), 'must not hold a carriage return or NUL');

const emailText = z.strictObject({ subject: headerText(998), body: bodyText });

/** The e-mail text in each interface language, every one of them present. */
const emailByLocale = z.strictObject({
  en: emailText,
  it: emailText,
  fr: emailText,
} satisfies Record<Locale, typeof emailText>);

/** The JSON body the subscribers target posts. */
export const subscriberEventSchema = z.strictObject({
  event: z.strictObject({
    /** Stable across runs: the service records each event once, by this id. */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'letters, digits, . _ -'),
    type: z.enum(NOTIFICATION_EVENTS),
    at: z.iso.datetime(),
  }),
  /** Ids of the components the event touches; empty means the whole page. */
  components: z.array(idSchema).max(1000),
  /** The incident or maintenance page. */
  url: z.url({ protocol: /^https?$/ }).pipe(headerText(2000)),
  email: emailByLocale,
  /** Equal to the X-Heliograph-Timestamp header, so the signed bytes hold the time. */
  sent_at: z.iso.datetime(),
});
export type SubscriberEvent = z.output<typeof subscriberEventSchema>;

/** The signed request that hands `message` to the service, stamped `now`. */
export function subscribersRequest(
  target: SubscribersTarget,
  message: NotificationMessage,
  options: { site: SiteModel; now: number },
): HttpRequest {
  const { site } = options;
  const base = target.url ?? site.config.subscriptions?.url;
  // The schema refuses a subscribers target with neither; this guards direct callers.
  if (base === undefined) throw new Error('subscribers target: no url and no subscriptions.url');
  const seconds = Math.floor(options.now / 1000);
  const { event } = message;
  if (event.kind === 'test') {
    // The service sends every event it accepts to its subscribers: a test would reach them all.
    throw new Error(
      'the subscribers target takes no test message (it would e-mail every subscriber); check the service at its /health address',
    );
  }
  const emailIn = (locale: Locale): SubscriberEvent['email'][Locale] =>
    locale === site.config.site.locale
      ? message.texts.email
      : notificationMessage(event, messageContext(site, locale)).texts.email;
  const body: SubscriberEvent = {
    event: { ...message.payload.event, type: event.kind },
    components:
      'maintenance' in event
        ? [...event.maintenance.components]
        : event.incident.components.map((c) => c.id),
    url: message.url,
    email: { en: emailIn('en'), it: emailIn('it'), fr: emailIn('fr') },
    sent_at: new Date(seconds * 1000).toISOString(),
  };
  const request = jsonRequest(serviceUrl(base, servicePaths.events()), body);
  request.headers[TIMESTAMP_HEADER] = String(seconds);
  request.headers[SIGNATURE_HEADER] = signBody(request.body, target.secret);
  request.headers['x-heliograph-event'] = event.kind;
  request.headers['x-heliograph-delivery'] = event.id;
  return request;
}
