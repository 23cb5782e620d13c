/**
 * The wording of failure reasons shared by the check runners. A reason is one short line for the
 * people reading the status page and the incident ("timeout after 5 s waiting for headers"), so it
 * names the step that failed and never carries a URL (which may hold a secret) or a stack.
 */
import type { Scrubber } from '../../secrets/scrub.ts';
import { cleanText } from '../../text/clean.ts';

/** The step an attempt was in when it failed; it chooses the words of timeouts and resets. */
export type Stage = 'resolving' | 'connecting' | 'tls' | 'headers' | 'body' | 'banner' | 'dns';

/** How each stage reads after "timeout after 5 s …" and after "connection reset …". */
const STAGE_WORDS: Record<Stage, { timeout: string; during: string }> = {
  resolving: { timeout: 'resolving the host name', during: 'while resolving the host name' },
  connecting: { timeout: 'connecting', during: 'while connecting' },
  tls: { timeout: 'during the TLS handshake', during: 'during the TLS handshake' },
  headers: { timeout: 'waiting for headers', during: 'while waiting for headers' },
  body: { timeout: 'reading the body', during: 'while reading the body' },
  banner: { timeout: 'waiting for the banner', during: 'while waiting for the banner' },
  dns: { timeout: 'waiting for the DNS server', during: 'while waiting for the DNS server' },
};

/**
 * Certificate verification codes that OpenSSL reports through Node (`err.code`), besides Node's own
 * `ERR_TLS_CERT_ALTNAME_INVALID`. Listed so that they read as certificate problems rather than as
 * generic errors. https://docs.openssl.org/3.0/man1/openssl-verification-options/#diagnostics
 */
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Fixed phrasings for system errors (libuv and getaddrinfo codes). */
const SYSTEM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  // getaddrinfo's EAI_NONAME: the name does not exist.
  ENOTFOUND: 'DNS lookup failed: NXDOMAIN',
  EAI_AGAIN: 'DNS lookup failed: temporary failure (EAI_AGAIN)',
  ENODATA: 'DNS lookup failed: no address records',
};

/** "timeout after 5 s waiting for headers": the deadline as given, in seconds. */
export function timeoutReason(timeoutMs: number, stage: Stage): string {
  return `timeout after ${seconds(timeoutMs)} s ${STAGE_WORDS[stage].timeout}`;
}

/**
 * The reason for an error raised by a socket, a TLS handshake or the HTTP parser, at a stage.
 * `host` is the name the certificate was checked against.
 */
export function networkErrorReason(error: unknown, stage: Stage, host: string): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return oneLine(message);
  // llhttp's parse errors (HPE_INVALID_CONSTANT, HPE_INVALID_CHUNK_SIZE…).
  if (code.startsWith('HPE_')) return `malformed HTTP response (${code})`;
  if (CERTIFICATE_CODES.has(code)) return certificateErrorReason(code, host);
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    // Node reports a clean close before any response as ECONNRESET "socket hang up".
    const what = message === 'socket hang up' || code === 'EPIPE' ? 'closed' : 'reset';
    return `connection ${what} ${STAGE_WORDS[stage].during}`;
  }
  const fixed = SYSTEM_ERRORS[code];
  if (fixed !== undefined) return fixed;
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    // Node copies OpenSSL's short reason ("wrong version number") onto the error as `reason`;
    // the message itself is a long "error:0A00010B:SSL routines:…:file.c:354:" line.
    return `TLS handshake failed (${sslReason(error) ?? code})`;
  }
  return `${oneLine(message)} (${code})`;
}

/** The reason for a certificate verification code, checked against `host`. */
export function certificateErrorReason(code: string, host: string): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return 'certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'certificate is not yet valid';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'self-signed certificate';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `certificate is not valid for ${host}`;
    default:
      return `certificate not trusted (${code})`;
  }
}

/** The `code` of a Node error (a string), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A duration in seconds as people write it: 5000 → "5", 500 → "0.5", 1250 → "1.25". */
export function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/**
 * Outside text (from a response, or a configured string that may hold a secret) as a reason shows
 * it: scrubbed of the check's secrets, cleaned of escapes and control characters, on one line,
 * and cut to `max` characters — in that order, since a secret cut in two no longer matches. No
 * reason carries more of a response than this.
 */
export function excerpt(text: string, scrub: Scrubber, max = 60): string {
  const line = oneLine(cleanText(scrub(text)));
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** An excerpt in double quotes. */
export function quote(text: string, scrub: Scrubber, max = 60): string {
  return JSON.stringify(excerpt(text, scrub, max));
}

/** "a", "a and b", "a, b and c" (or "or"); long lists end with "and 3 more". */
export function listWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const MAX = 5;
  const shown = items.length > MAX ? [...items.slice(0, MAX), `${items.length - MAX} more`] : items;
  if (shown.length <= 1) return shown[0] ?? 'nothing';
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown.at(-1) ?? ''}`;
}

/** OpenSSL's short reason on a Node TLS error, when there is one. */
function sslReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('reason' in error)) return undefined;
  return typeof error.reason === 'string' && error.reason !== ''
    ? oneLine(error.reason)
    : undefined;
}

/** Collapses whitespace and line breaks so a reason is a single line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
