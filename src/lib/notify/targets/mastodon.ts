/**
 * Mastodon: a status with the Mastodon variant (≤ 500 characters as Mastodon counts them). The
 * event id is the Idempotency-Key, so a retried post after a lost answer is not published twice.
 * https://docs.joinmastodon.org/methods/statuses/#create
 */
import type { MastodonTarget } from '../../config/schema.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';

/** The request that posts `message` on the account. */
export function mastodonRequest(
  target: MastodonTarget,
  message: NotificationMessage,
  language: string,
): HttpRequest {
  const base = target.instance.replace(/\/+$/, '');
  return jsonRequest(
    `${base}/api/v1/statuses`,
    { status: message.texts.mastodon, visibility: target.visibility, language },
    { authorization: `Bearer ${target.token}`, 'idempotency-key': message.event.id },
  );
}
