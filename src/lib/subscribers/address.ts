/**
 * E-mail addresses as the sign-up form and imports accept them: the HTML standard's "valid e-mail
 * address" (what a browser's `<input type=email>` checks, so the form and the service agree), within
 * SMTP's length limits (RFC 5321 §4.5.3.1), stored lower-cased so that one person is one row.
 * https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address
 */

/** The HTML standard's pattern, verbatim. */
const HTML_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** RFC 5321: a path holds at most 256 octets, so an address at most 254; a local part 64. */
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;

/** Why an address was refused (for operators; the form shows one customer sentence). */
export type AddressProblem = 'empty' | 'line break' | 'too long' | 'not an e-mail address';

/** The address to store, or why it cannot be. */
export function parseAddress(
  input: string,
): { ok: true; address: string } | { ok: false; problem: AddressProblem } {
  // A line break would let a value end one mail header and start another.
  if (/[\r\n\0]/.test(input)) return { ok: false, problem: 'line break' };
  const address = input.trim().toLowerCase();
  if (address === '') return { ok: false, problem: 'empty' };
  if (address.length > MAX_ADDRESS) return { ok: false, problem: 'too long' };
  const at = address.lastIndexOf('@');
  if (at > MAX_LOCAL) return { ok: false, problem: 'too long' };
  // A single-label domain (`root@localhost`) is valid HTML but never a subscriber's mailbox.
  if (!HTML_EMAIL.test(address) || !address.slice(at + 1).includes('.'))
    return { ok: false, problem: 'not an e-mail address' };
  return { ok: true, address };
}
