/**
 * The service's HTTP plumbing: reading a body under a size limit, answering with the security
 * headers every answer carries, the client's address and preferred language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCALES, type Locale } from '../config/schema.ts';

/** A body read whole, or refused for its size. */
export type Body = { ok: true; text: string } | { ok: false; status: 413 };

/** Reads the body up to `limit` bytes; past it, the rest is discarded unread. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, status: 413 });
  }
  return new Promise<Body>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        over
          ? { ok: false, status: 413 }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', reject);
  });
}

/**
 * Headers on every answer: no caching of pages that hold tokens, no referrer (links carry tokens),
 * no framing, no script, forms post only to this service.
 */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

/** Sends a complete answer. */
export function send(
  res: ServerResponse,
  status: number,
  type: 'html' | 'json' | 'text' | 'csv',
  body: string,
  headers: Record<string, string> = {},
): void {
  const types = {
    html: 'text/html; charset=utf-8',
    json: 'application/json; charset=utf-8',
    text: 'text/plain; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
  };
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': types[type],
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** A JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  send(res, status, 'json', `${JSON.stringify(value)}\n`, headers);
}

/** The client's address: the socket's, or behind one trusted proxy the last X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The first language of Accept-Language (by weight) that the service speaks, else `fallback`. */
export function preferredLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (
    LOCALES.find((l) => l === ranked.find((r) => LOCALES.some((x) => x === r.lang))?.lang) ??
    fallback
  );
}
