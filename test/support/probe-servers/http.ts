/**
 * An HTTP server on 127.0.0.1 that stands in for the services the prober watches: healthy, failing,
 * slow, dripping, huge, looping and JSON answers, and Statuspage-like `summary.json` files. The same
 * routes serve the HTTPS servers of `tls.ts`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { Readable } from 'node:stream';

/** Size of the `/big` body: far more than any body limit. */
export const BIG_BODY_BYTES = 100 * 1024 * 1024;

/** The text of `/ok`. */
export const OK_TEXT = 'Welcome to the Corner Bakery';

/** The routes, with a counter of how much of the big body was handed to the socket. */
export interface Routes {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Bytes of `/big` produced so far (across requests). */
  bigBytesSent(): number;
}

/** A running test server. */
export interface TestHttpServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  routes: Routes;
  close(): Promise<void>;
}

/** A Statuspage-like summary with a few components (the shape GitHub's page has). */
/** A third party's page name: a phishing link, a mention, a tracking image, a terminal colour. */
export const HOSTILE_PAGE_NAME =
  '[re-enter card details here](https://evil.example/pay) @team ![](https://evil.example/t.png) \u001b[31mRED\u001b[0m\u0000';

/** A third party's component name: Markdown and a C1 control, longer than any excerpt. */
export const HOSTILE_COMPONENT_NAME = `Payments <img src=x onerror=alert(1)> @here \u0085${'x'.repeat(300)}`;

export const SUMMARY = {
  page: { id: 'kctbh9vrtdwd', name: 'GitHub', url: 'https://www.githubstatus.com' },
  components: [
    { id: 'brv1bkgrwx7q', name: 'Git Operations', status: 'operational', group: false },
    { id: '8l4ygp009s5s', name: 'API Requests', status: 'partial_outage', group: false },
    { id: '4230lsnqdsld', name: 'Webhooks', status: 'under_maintenance', group: false },
    { id: 'h2ftsgbw7kmk', name: 'Codespaces', status: 'exploded', group: false },
  ],
  status: { indicator: 'minor', description: 'Partially Degraded Service' },
};

/** The routes shared by the HTTP and HTTPS test servers. */
export function createRoutes(): Routes {
  let bigBytes = 0;
  const routes: Record<string, (url: URL, req: IncomingMessage, res: ServerResponse) => void> = {
    '/ok': (_url, _req, res) => text(res, 200, OK_TEXT),
    '/status': (url, _req, res) => text(res, Number(url.searchParams.get('code')), 'status'),
    // Headers after `ms` milliseconds (slower than a deadline, or just slow).
    '/slow': (url, _req, res) => {
      const timer = setTimeout(() => text(res, 200, OK_TEXT), Number(url.searchParams.get('ms')));
      res.on('close', () => clearTimeout(timer));
    },
    // Headers at once, then a byte every 100 ms, for ever.
    '/drip': (_url, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    },
    // 100 MB generated as it is read, so only what the client pulls is ever produced.
    '/big': (_url, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BIG_BODY_BYTES });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      chunk.write('BIG BODY START');
      const body = Readable.from(
        (function* generate() {
          for (let sent = 0; sent < BIG_BODY_BYTES; sent += chunk.length) {
            bigBytes += chunk.length;
            yield chunk;
          }
        })(),
      );
      body.pipe(res);
      res.on('close', () => body.destroy());
    },
    '/loop': (_url, _req, res) => redirect(res, 302, '/loop'),
    // A redirect whose body never ends: the client must move on without reading it.
    '/redirect-drip': (_url, _req, res) => {
      res.writeHead(302, { location: '/ok', 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    },
    // Any redirect: `/redirect?code=303&to=http://localhost:1234/echo`.
    '/redirect': (url, _req, res) =>
      redirect(res, Number(url.searchParams.get('code')), url.searchParams.get('to') ?? '/'),
    // A relative Location, resolved against the request URL.
    '/hop/one': (_url, _req, res) => redirect(res, 301, 'two'),
    '/hop/two': (_url, _req, res) => redirect(res, 308, '/ok'),
    '/json': (_url, _req, res) =>
      json(res, 200, { status: { indicator: 'major' }, items: [{ ok: true }, { ok: false }] }),
    // Echoes what arrived, to check method, headers and body.
    '/echo': (_url, req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        json(res, 200, {
          method: req.method,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    },
    '/statuspage/api/v2/summary.json': (_url, _req, res) => json(res, 200, SUMMARY),
    // A dependency whose page names itself and its component in Markdown, escapes and controls.
    '/hostile/api/v2/summary.json': (_url, _req, res) =>
      json(res, 200, {
        page: { id: 'x', name: HOSTILE_PAGE_NAME },
        components: [{ id: 'pay', name: HOSTILE_COMPONENT_NAME, status: 'major_outage' }],
      }),
    // A page with many components: a few tens of KB.
    '/huge/api/v2/summary.json': (_url, _req, res) =>
      json(res, 200, {
        ...SUMMARY,
        components: Array.from({ length: 500 }, (_, i) => ({
          id: `c${i}`,
          name: `Component ${i}`,
          status: 'operational',
        })),
      }),
    '/garbage/api/v2/summary.json': (_url, _req, res) =>
      text(res, 200, '<html><body>Bad gateway</body></html>'),
    '/shapeless/api/v2/summary.json': (_url, _req, res) => json(res, 200, { components: 'none' }),
    '/down/api/v2/summary.json': (_url, _req, res) => text(res, 503, 'Service Unavailable'),
  };
  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = routes[url.pathname];
      if (route === undefined) text(res, 404, 'not found');
      else route(url, req, res);
    },
    bigBytesSent: () => bigBytes,
  };
}

/** Starts the HTTP test server on 127.0.0.1 at a free port. */
export async function startHttpServer(): Promise<TestHttpServer> {
  const routes = createRoutes();
  const server = createServer((req, res) => routes.handle(req, res));
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, routes, close: () => closeServer(server) };
}

/** Listens on 127.0.0.1 at a free port and returns the port. */
export async function listen(server: NetServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Closes a server, ending the connections it still holds (drips, silent sockets). */
export async function closeServer(
  server: NetServer & { closeAllConnections(): void },
): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}
