/**
 * A local HTTP server for the probe benchmark, in its own process so that its work does not count
 * against the prober's: `/d/<ms>` answers 200 after that many milliseconds, `/fail/<ms>` answers 503
 * after that many, `/hang` never answers. A query string is ignored.
 * Prints its port on stdout, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const [, kind, delay] = /^\/(d|fail)\/(\d+)(?:\?|$)/.exec(req.url ?? '') ?? [];
  if (delay === undefined) return; // /hang: keep the socket open, never answer
  setTimeout(() => {
    res.statusCode = kind === 'fail' ? 503 : 200;
    res.end(kind === 'fail' ? 'unavailable' : 'ok');
  }, Number(delay));
});
server.maxConnections = 20_000;
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', 2048, () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
