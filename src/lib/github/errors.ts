/**
 * Failed GitHub requests in words for the log: the status and message of each error in the
 * chain, never the request's headers (so never the token).
 */
import { inspect } from 'node:util';

/** The status code of a failed request, if it got an answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/**
 * A failure in one line, with its causes (`cannot list …: 401 Bad credentials`); never headers,
 * so never the token.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const status = statusOf(current);
    const message = current instanceof Error ? current.message : inspect(current);
    parts.push(status && !message.startsWith(String(status)) ? `${status} ${message}` : message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
