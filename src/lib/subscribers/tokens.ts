/**
 * The signed part of every link in the service's e-mails:
 *
 *   token   = purpose "." subscriber "." expires "." mac
 *   purpose = "c" (confirm) / "u" (unsubscribe) / "p" (preferences)
 *   subscriber = the subscriber's random id (base64url)
 *   expires = seconds since 1970 in base 36, or "0" for a link that does not expire
 *   mac     = base64url(HMAC-SHA256(secret, purpose "." subscriber "." expires))
 *
 * The id is random, so a token names nobody to whoever lacks the database; the MAC makes it
 * unforgeable; the expiry is inside the signed bytes. Unsubscribe links do not expire: an old
 * e-mail must still let its reader leave (and the row they name is gone once they have).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link does. */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

const CODES: Record<TokenPurpose, string> = { confirm: 'c', unsubscribe: 'u', preferences: 'p' };

/** A token for `subscriber`, valid until `expiresAt` (ms) or for ever when it is undefined. */
export function signToken(
  secret: string,
  purpose: TokenPurpose,
  subscriber: string,
  expiresAt?: number,
): string {
  const expires = expiresAt === undefined ? '0' : Math.ceil(expiresAt / 1000).toString(36);
  const signed = `${CODES[purpose]}.${subscriber}.${expires}`;
  return `${signed}.${mac(secret, signed)}`;
}

/** What checking a token found. */
export type TokenCheck =
  | { ok: true; subscriber: string }
  | { ok: false; problem: 'invalid' }
  | { ok: false; problem: 'expired'; expiredAt: number };

/** Checks a token for `purpose` at `now`; the MAC is compared in constant time. */
export function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
  now: number,
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, problem: 'invalid' };
  const [code = '', subscriber = '', expires = '', given = ''] = parts;
  if (code !== CODES[purpose] || !/^[A-Za-z0-9_-]{1,64}$/.test(subscriber))
    return { ok: false, problem: 'invalid' };
  if (!/^[0-9a-z]{1,12}$/.test(expires)) return { ok: false, problem: 'invalid' };
  const expected = Buffer.from(mac(secret, `${code}.${subscriber}.${expires}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { ok: false, problem: 'invalid' };
  // Checked after the MAC: only a genuine token is told that it expired.
  const expiresAt = parseInt(expires, 36) * 1000;
  if (expiresAt !== 0 && now > expiresAt)
    return { ok: false, problem: 'expired', expiredAt: expiresAt };
  return { ok: true, subscriber };
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64url');
}
