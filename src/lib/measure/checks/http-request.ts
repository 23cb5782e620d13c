/**
 * One HTTP(S) request under a check's deadline, with a capped body read, manual redirects and the
 * phases of the connection. It is built on `node:http` rather than `fetch` because the phases come
 * from socket events (`lookup`, `connect`, `secureConnect`), which `fetch` hides.
 *
 * Shared by the `http` and `statuspage` runners. Like them it never throws: a network failure, a
 * timeout or a malformed response is an `ok: false` outcome with a one-line reason.
 */
import type { X509Certificate } from 'node:crypto';
import { request as plainRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as secureRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { getCACertificates, TLSSocket } from 'node:tls';
import type { CheckContext, Phases } from '../types.ts';
import { startPhases, type PhaseClock, watchConnection } from './phases.ts';
import { excerpt, networkErrorReason, timeoutReason, type Stage } from './reasons.ts';

/** Statuses whose `Location` is followed (RFC 9110 §15.4); 300 and 304 are answers, not hops. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Redirects followed when the caller does not say (the schema's default for `max_redirects`). */
const DEFAULT_MAX_REDIRECTS = 5;

/** Headers that describe a request body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

/** Sent unless the check sets its own, so that operators can tell probes apart in their logs. */
const USER_AGENT = 'Heliograph-Probe/1';

/** One HTTP request as a check describes it. */
export interface HttpRequestOptions {
  url: string;
  /** Default GET. */
  method?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  body?: string | undefined;
  /** Redirects followed; with 0 a redirect is itself the answer. Default 5. */
  maxRedirects?: number | undefined;
  /** Verify the server's certificate (default true); `ctx.ca` adds trusted authorities. */
  verifyTls?: boolean | undefined;
}

/** A response, after redirects, with at most `policy.body_limit_bytes` of its body. */
export interface HttpAnswer {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than the limit and was cut there. */
  truncated: boolean;
  /** The server's certificate on the final hop, over HTTPS. */
  certificate: X509Certificate | undefined;
  phases: Phases;
}

/** No usable response: the reason says why ("connection refused", "timeout after 5 s …"). */
export interface HttpFailure {
  ok: false;
  reason: string;
  phases: Phases;
}

export type HttpOutcome = HttpAnswer | HttpFailure;

/**
 * Sends one request and reads its answer within `ctx.signal`'s deadline (DNS, connect, TLS,
 * headers and body alike), following redirects by hand. Phases count from the call.
 */
export async function httpRequest(
  options: HttpRequestOptions,
  ctx: CheckContext,
): Promise<HttpOutcome> {
  const clock = startPhases();
  const fail = (reason: string): HttpFailure => ({ ok: false, reason, phases: clock.read() });
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const url = URL.parse(options.url);
  if (url === null) return fail('invalid URL');
  let hop: Hop = {
    url,
    method: options.method ?? 'GET',
    headers: withUserAgent(options.headers ?? {}),
    body: options.body,
  };
  for (let redirects = 0; ; redirects += 1) {
    if (hop.url.protocol !== 'http:' && hop.url.protocol !== 'https:') {
      const scheme = hop.url.protocol.replace(/:$/, '');
      return fail(
        redirects === 0 ? `unsupported URL scheme ${scheme}` : `redirect to a ${scheme} URL`,
      );
    }
    const result = await exchange(hop, {
      follow: maxRedirects > 0,
      verifyTls: options.verifyTls ?? true,
      ctx,
      clock,
    });
    if (result.kind === 'failure') {
      // After a redirect the failing host is not the one configured: name it (host and port only;
      // the rest of a URL may hold a credential).
      return fail(
        redirects === 0
          ? result.reason
          : `redirected to ${excerpt(hostAndPort(hop.url), ctx.scrub)}: ${result.reason}`,
      );
    }
    if (result.kind === 'answer') {
      const { status, headers, body, truncated, certificate } = result;
      return { ok: true, status, headers, body, truncated, certificate, phases: clock.read() };
    }
    if (redirects >= maxRedirects) return fail(`too many redirects (more than ${maxRedirects})`);
    const next = URL.parse(result.location, hop.url);
    if (next === null) return fail(`redirect (${result.status}) to an invalid URL`);
    hop = redirectHop(hop, next, result.status);
    // The phases describe the hop that gives the answer, still counted from the start.
    clock.forget();
  }
}

/** One request of a possibly redirected exchange. */
interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

interface ExchangeOptions {
  /** Return redirects instead of reading them as the answer. */
  follow: boolean;
  verifyTls: boolean;
  ctx: CheckContext;
  clock: PhaseClock;
}

type Exchange =
  | {
      kind: 'answer';
      status: number;
      headers: IncomingHttpHeaders;
      body: Buffer;
      truncated: boolean;
      certificate: X509Certificate | undefined;
    }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'failure'; reason: string };

/**
 * One request on a fresh connection; settles exactly once, and tears the connection down then.
 * Long because the socket's and the response's handlers share `settle`, the stage reached and the
 * certificate seen: apart, that state would have to be passed between them.
 */
function exchange(hop: Hop, options: ExchangeOptions): Promise<Exchange> {
  const { follow, verifyTls, ctx, clock } = options;
  const limit = ctx.policy.body_limit_bytes;
  const secure = hop.url.protocol === 'https:';
  const host = hop.url.hostname.replace(/^\[(.*)\]$/, '$1');
  let stage: Stage = isIP(host) === 0 ? 'resolving' : 'connecting';
  let certificate: X509Certificate | undefined;

  return new Promise((resolve) => {
    let settled = false;
    let req: ClientRequest | undefined;
    function settle(outcome: Exchange): void {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      // Destroying the request also destroys the response and the socket: nothing lingers, and a
      // body larger than the cap stops flowing here.
      req?.destroy();
      resolve(outcome);
    }
    function onAbort(): void {
      settle({ kind: 'failure', reason: timeoutReason(ctx.timeoutMs, stage) });
    }
    if (ctx.signal.aborted) {
      onAbort();
      return;
    }
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    try {
      // A fresh connection (no agent) for every request, so every phase is really measured.
      const common = { method: hop.method, headers: hop.headers, agent: false } as const;
      req = secure
        ? secureRequest(hop.url, {
            ...common,
            rejectUnauthorized: verifyTls,
            ...(ctx.ca !== undefined && ctx.ca.length > 0
              ? { ca: [...getCACertificates('default'), ...ctx.ca] }
              : {}),
          })
        : plainRequest(hop.url, common);
    } catch (error) {
      // Node validates headers and the method synchronously (ERR_INVALID_CHAR…).
      settle({
        kind: 'failure',
        reason: `invalid request: ${networkErrorReason(error, stage, host)}`,
      });
      return;
    }

    req.on('socket', (socket: Socket) => {
      watchConnection(socket, clock, (phase) => {
        stage = phase === 'dns' ? 'connecting' : secure ? 'tls' : 'headers';
      });
      if (socket instanceof TLSSocket) {
        socket.on('secureConnect', () => {
          clock.mark('tls');
          stage = 'headers';
          certificate = socket.getPeerX509Certificate();
        });
      }
    });

    req.on('error', (error) => {
      settle({ kind: 'failure', reason: networkErrorReason(error, stage, host) });
    });

    req.on('response', (res) => {
      clock.mark('firstByte');
      stage = 'body';
      // Listening before anything else: destroying an unfinished response (a redirect's body, the
      // rest of a capped body) makes it emit "aborted", which must not go unhandled.
      res.on('error', (error) => {
        // "aborted": the server closed the connection before the end of the body. A reset
        // (ECONNRESET) reaches the request's error handler first, with its own wording.
        const reason =
          error.message === 'aborted'
            ? 'connection closed while reading the body'
            : networkErrorReason(error, 'body', host);
        settle({ kind: 'failure', reason });
      });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (follow && REDIRECT_STATUSES.has(status) && location !== undefined) {
        settle({ kind: 'redirect', status, location });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = (truncated: boolean): Exchange => ({
        kind: 'answer',
        status,
        headers: res.headers,
        body: Buffer.concat(chunks, size),
        truncated,
        certificate,
      });
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = limit - size;
        if (chunk.length > room) {
          // The cap is reached: keep what fits and stop the transfer (settle destroys it), so a
          // 100 MB body costs the cap and no more.
          chunks.push(chunk.subarray(0, room));
          size += room;
          settle(answer(true));
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => settle(answer(false)));
    });

    req.end(hop.body);
  });
}

/**
 * The next request after a redirect. 303, and 301/302 after a POST, become a GET without a body, as
 * browsers do (RFC 9110 §15.4.2–4). What the configuration set — every header, and the body —
 * stays with the origin (scheme, host and port) it was written for: a redirect to another origin
 * is followed with the User-Agent alone, since any header may be a credential (`X-Api-Key`).
 */
function redirectHop(hop: Hop, url: URL, status: number): Hop {
  const toGet =
    hop.method !== 'HEAD' &&
    (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST'));
  const method = toGet ? 'GET' : hop.method;
  if (url.origin !== hop.url.origin) {
    return { url, method, headers: withUserAgent({}), body: undefined };
  }
  const headers = Object.fromEntries(
    Object.entries(hop.headers).filter(
      ([name]) => !(toGet && BODY_HEADERS.has(name.toLowerCase())),
    ),
  );
  return { url, method, headers, body: toGet ? undefined : hop.body };
}

/** `host:port` of a URL, the port spelt out even when it is the scheme's default. */
function hostAndPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

/** The check's headers, with a User-Agent unless it sets one. */
function withUserAgent(headers: Readonly<Record<string, string>>): Record<string, string> {
  const named = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
  return named ? { ...headers } : { 'User-Agent': USER_AGENT, ...headers };
}
