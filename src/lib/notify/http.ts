/**
 * One HTTP attempt for the chat, Mastodon and webhook targets: a POST under the delivery deadline
 * (which covers the response body too), its outcome turned into a DeliveryError with a verdict.
 * Errors name the target by its origin only (webhook paths and bot URLs hold credentials) and
 * never quote what the target answered: an error page echoes the request path ("Cannot POST
 * /api/webhooks/…/<token>"), so a failure is its status code and a fixed phrase.
 */
import { STATUS_CODES } from 'node:http';
import { DeliveryError, parseRetryAfter, RETRY_STATUS } from './delivery.ts';

/** A request a target builds for one message. */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (the webhook signs them). */
  body: string;
}

/** Sends `request`; resolves when the target accepted it (2xx), throws a DeliveryError. */
export async function postOnce(
  request: HttpRequest,
  options: { fetch: typeof fetch; signal: AbortSignal; timeoutMs: number; now: () => number },
): Promise<void> {
  const where = `[POST] "${shownUrl(request.url)}"`;
  let response: Response;
  try {
    response = await options.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: options.signal,
      // A redirected POST may turn into a GET elsewhere: no webhook API redirects, so it is an error.
      redirect: 'manual',
    });
    // The body is never read, let alone shown: cancelling it releases the connection.
    await response.body?.cancel();
  } catch (error) {
    if (options.signal.aborted) {
      throw new DeliveryError(`${where}: no answer within ${options.timeoutMs / 1000} s`, {
        verdict: 'timeout',
        cause: error,
      });
    }
    throw new DeliveryError(`${where}: ${networkReason(error)}`, {
      verdict: 'retry',
      cause: error,
    });
  }
  if (response.status >= 200 && response.status < 300) return;
  // Node's phrase for the code, not the target's: a reason phrase is the target's text too.
  const message = `${where}: ${response.status} ${STATUS_CODES[response.status] ?? 'unexpected status'}`;
  if (RETRY_STATUS[response.status] !== undefined) {
    throw new DeliveryError(message, {
      verdict: 'retry',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
    });
  }
  throw new DeliveryError(message, { verdict: 'permanent' });
}

/**
 * A URL as errors show it: scheme, host and port, and `<hidden>` for a path, which may be a
 * credential. (Not an ellipsis: the origin of a webhook URL is the start of a secret, and text cut
 * at an ellipsis right after the start of a secret is masked as a truncated secret.)
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}/${parsed.pathname === '/' && !parsed.search ? '' : '<hidden>'}`;
  } catch {
    // Not a URL at all: say so without showing it (it came from a secret).
    return '(invalid URL)';
  }
}

/**
 * `request failed (ECONNREFUSED)`: a fixed phrase and the system error code of the cause. The
 * messages themselves are left out: a parser or TLS error may quote the URL or what came back.
 */
function networkReason(error: unknown): string {
  const code = codeOf(causeOf(error)) ?? codeOf(error);
  return `request failed${code === undefined ? '' : ` (${code})`}`;
}

function causeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
}

/** An error's `code` when it is a plain identifier such as ECONNREFUSED or UND_ERR_SOCKET. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(error.code)
    ? error.code
    : undefined;
}

/** Headers of every JSON request; the User-Agent lets receivers tell our calls apart. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Heliograph notify',
};

/** A JSON POST with extra headers. */
export function jsonRequest(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): HttpRequest {
  return { url, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}
