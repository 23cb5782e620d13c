/**
 * A local HTTP server on 127.0.0.1 that stands in for every notification API: it records each
 * request (path, headers, raw body) under a route — the first path segment, e.g. `/slack/…` — and
 * answers 200 with `{ "ok": true }`, unless a route was told to fail: N times with a status, once
 * with 429 and a Retry-After, always, or by never answering (hang).
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived. */
export interface RecordedRequest {
  route: string;
  method: string;
  /** Path and query. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received. */
  body: string;
  /** The status it was answered with; undefined while hanging. */
  status: number | undefined;
}

interface Behaviour {
  /** Statuses for the next requests, one per request, then 200. */
  queue: { status: number; headers?: Record<string, string> }[];
  /** Every request gets this status. */
  always?: number;
  hang?: boolean;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** The requests of one route that were answered 2xx. */
  accepted: (route: string) => RecordedRequest[];
  /** The requests of one route, answered or not. */
  to: (route: string) => RecordedRequest[];
  /** The next `times` requests to `route` are answered `status` (default 500). */
  fail: (route: string, times: number, status?: number) => void;
  /** The next request to `route` is answered 429 with this Retry-After. */
  rateLimit: (route: string, retryAfter: string) => void;
  /** Every request to `route` is answered `status` (default 503) until `reset`. */
  down: (route: string, status?: number) => void;
  /** Requests to `route` are never answered until `reset`. */
  hang: (route: string) => void;
  /** Forgets behaviours and recorded requests. */
  reset: () => void;
  close: () => Promise<void>;
}

/** Starts a recording server on a free port of 127.0.0.1. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  const hanging: ServerResponse[] = [];
  const behaviour = (route: string): Behaviour => {
    let b = behaviours.get(route);
    if (!b) behaviours.set(route, (b = { queue: [] }));
    return b;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const route = path.split('/')[1]?.split('?')[0] ?? '';
      const recorded: RecordedRequest = {
        route,
        method: req.method ?? '',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: undefined,
      };
      requests.push(recorded);
      const b = behaviours.get(route);
      if (b?.hang) return void hanging.push(res); // never answered; dropped by reset or close
      const next = b?.queue.shift();
      const status = next?.status ?? b?.always ?? 200;
      recorded.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...next?.headers });
      res.end(
        status < 300 ? '{"ok":true}' : `{"ok":false,"error":"answered ${status} on purpose"}`,
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    accepted: (route) =>
      requests.filter((r) => r.route === route && r.status !== undefined && r.status < 300),
    to: (route) => requests.filter((r) => r.route === route),
    fail: (route, times, status = 500) => {
      for (let i = 0; i < times; i++) behaviour(route).queue.push({ status });
    },
    rateLimit: (route, retryAfter) => {
      behaviour(route).queue.push({ status: 429, headers: { 'retry-after': retryAfter } });
    },
    down: (route, status = 503) => {
      behaviour(route).always = status;
    },
    hang: (route) => {
      behaviour(route).hang = true;
    },
    reset: () => {
      behaviours.clear();
      requests.length = 0;
      // Hanging requests are dropped so that the next test starts clean.
      for (const res of hanging.splice(0)) res.socket?.destroy();
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
