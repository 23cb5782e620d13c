/**
 * The generic webhook: the JSON payload of message.ts plus `sent_at`, signed with HMAC-SHA256 over
 * the raw body (signature.ts). Headers name the event and the delivery so that receivers can route
 * and de-duplicate: delivery is at least once, and the event id is stable.
 */
import type { WebhookTarget } from '../../config/schema.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../signature.ts';

/** The signed request for `message`, stamped `now`. */
export function webhookRequest(
  target: WebhookTarget,
  message: NotificationMessage,
  now: number,
): HttpRequest {
  const seconds = Math.floor(now / 1000);
  const request = jsonRequest(target.url, {
    ...message.payload,
    sent_at: new Date(seconds * 1000).toISOString(),
  });
  request.headers[TIMESTAMP_HEADER] = String(seconds);
  request.headers[SIGNATURE_HEADER] = signBody(request.body, target.secret);
  request.headers['x-heliograph-event'] = message.event.kind;
  request.headers['x-heliograph-delivery'] = message.event.id;
  return request;
}
