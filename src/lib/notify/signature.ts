/**
 * The generic webhook's signature: HMAC-SHA256 of the raw request body with the shared secret,
 * sent as `X-Heliograph-Signature: sha256=<hex>` (the form GitHub's webhooks use). The body carries
 * `sent_at`, equal to the `X-Heliograph-Timestamp` header, so the signed bytes include the time and
 * a receiver can refuse old deliveries replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names, lower-case as HTTP/2 and Node present them. */
export const SIGNATURE_HEADER = 'x-heliograph-signature';
export const TIMESTAMP_HEADER = 'x-heliograph-timestamp';

/** `sha256=<hex>` of `body` under `secret`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Whether `header` is the signature of `body` under `secret`, compared in constant time. */
export function verifySignature(body: string, header: string, secret: string): boolean {
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
