/**
 * Raw TCP servers on 127.0.0.1 for the failures an HTTP server library would never produce: a port
 * nobody listens on, a server that accepts and then says nothing, a malformed HTTP response, a
 * connection reset in the middle of a body, and a service banner.
 */
import { createServer, type Socket } from 'node:net';
import { listen } from './http.ts';

/** What a raw server does with each connection. */
export type RawBehaviour =
  /** Accepts and never writes (nor closes). */
  | 'silent'
  /** Answers any request with bytes that are not HTTP. */
  | 'malformed'
  /** Sends headers for 1000 bytes, 100 of them, then resets the connection (RST). */
  | 'reset-mid-body'
  /** Writes this banner on connect and then waits. */
  | { banner: string };

/** A running raw server. */
export interface RawServer {
  port: number;
  close(): Promise<void>;
}

/** Starts a raw server with one behaviour. */
export async function startRawServer(behaviour: RawBehaviour): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client hanging up on us is expected in these tests.
    socket.on('error', () => sockets.delete(socket));
    if (typeof behaviour === 'object') {
      socket.write(behaviour.banner);
    } else if (behaviour === 'malformed') {
      socket.once('data', () => socket.end('HELLO THERE\r\n\r\n'));
    } else if (behaviour === 'reset-mid-body') {
      socket.once('data', () => {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n' +
            'x'.repeat(100),
        );
        setTimeout(() => socket.resetAndDestroy(), 50);
      });
    }
  });
  const port = await listen(server);
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
