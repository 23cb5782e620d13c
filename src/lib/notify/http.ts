/**
 * One HTTP attempt for the chat, Mastodon and webhook targets: a POST under the delivery deadline
 * (which covers the response body too), its outcome turned into a DeliveryError with a verdict.
 * Errors name the target by its origin only: webhook paths and bot URLs hold credentials.
 */
import { DeliveryError, DELIVERY_POLICY, parseRetryAfter, RETRY_STATUS } from './delivery.ts';

/** A request a target builds for one message. */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (the webhook signs them). */
  body: string;
}

/** Sends `request`; resolves with the response text, throws a DeliveryError. */
export async function postOnce(
  request: HttpRequest,
  options: { fetch: typeof fetch; signal: AbortSignal; timeoutMs: number; now: () => number },
): Promise<string> {
  const where = `[POST] "${shownUrl(request.url)}"`;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: options.signal,
      // A redirected POST may turn into a GET elsewhere: no webhook API redirects, so it is an error.
      redirect: 'manual',
    });
    text = await response.text();
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
  if (response.status >= 200 && response.status < 300) return text;
  const status = `${response.status} ${response.statusText}`.trim();
  const said = snippet(text);
  const message = `${where}: ${status}${said ? ` — ${said}` : ''}`;
  if (RETRY_STATUS[response.status] !== undefined) {
    throw new DeliveryError(message, {
      verdict: 'retry',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
    });
  }
  throw new DeliveryError(message, { verdict: 'permanent' });
}

/** A URL as errors show it: scheme, host and port; the path may be a credential. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname === '/' ? '/' : '/…'}`;
  } catch {
    // Not a URL at all: say so without showing it (it came from a secret).
    return '(invalid URL)';
  }
}

/** `fetch failed (ECONNREFUSED)`: the message and the code or message of its cause. */
function networkReason(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

/** The first characters of an error response, on one line. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const limit = DELIVERY_POLICY.responseSnippet;
  return line.length > limit ? `${line.slice(0, limit)}…` : line;
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
