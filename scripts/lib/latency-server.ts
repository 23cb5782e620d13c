/**
 * A local HTTP server for the probe benchmark, in its own process so that its work does not count
 * against the prober's: `/d/<ms>` answers 200 after that many milliseconds, `/hang` never answers.
 * Prints its port on stdout, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const delay = /^\/d\/(\d+)$/.exec(req.url ?? '')?.[1];
  if (delay === undefined) return; // /hang: keep the socket open, never answer
  setTimeout(() => res.end('ok'), Number(delay));
});
server.maxConnections = 20_000;
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', 2048, () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
