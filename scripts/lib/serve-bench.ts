/**
 * The request-rate benchmark: the home page of a built site fetched from 127.0.0.1 for a few
 * seconds by a fixed number of keep-alive connections, as a browser asks for it (`Accept-Encoding:
 * br, gzip`), from a server in another process (encoding-server.ts) that sends the pre-compressed
 * copies or compresses each response. Bounded: a second of warm-up, then `seconds` measured.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'astro/zod';
import type { EncodingMode } from './encoding-server.ts';

/** What one run measured. */
export interface RequestRate {
  mode: EncodingMode;
  requests: number;
  perSecond: number;
  /** Bytes of one response's body, as sent. */
  bodyBytes: number;
  /** Content-Encoding of the responses. */
  encoding: string;
  errors: number;
}

/** The load: connections and measured seconds (the warm-up comes before). */
export const LOAD = { connections: 16, seconds: 3, warmupSeconds: 1 } as const;

/** Measures the home page's request rate from a server of `dist` in `mode`. */
export async function requestRate(dist: string, mode: EncodingMode): Promise<RequestRate> {
  const server = spawn(
    process.execPath,
    [join(import.meta.dirname, 'encoding-server.ts'), dist, mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const first = await new Promise<string>((done, fail) => {
      createInterface({ input: server.stdout }).once('line', done);
      server.once('exit', (code) => fail(new Error(`the server stopped (exit ${code})`)));
    });
    const { port } = z.object({ port: z.number() }).parse(JSON.parse(first));
    const agent = new Agent({ keepAlive: true, maxSockets: LOAD.connections });
    await load(agent, port, LOAD.warmupSeconds);
    const result = await load(agent, port, LOAD.seconds);
    agent.destroy();
    return { mode, ...result, perSecond: result.requests / LOAD.seconds };
  } finally {
    server.kill();
  }
}

/** Keeps `LOAD.connections` requests in flight for `seconds`; counts the answers. */
async function load(
  agent: Agent,
  port: number,
  seconds: number,
): Promise<Omit<RequestRate, 'mode' | 'perSecond'>> {
  const until = performance.now() + seconds * 1000;
  const out = { requests: 0, bodyBytes: 0, encoding: 'identity', errors: 0 };
  const one = (): Promise<void> =>
    new Promise((done) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', agent, headers: { 'Accept-Encoding': 'br, gzip' } },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => {
            if (res.statusCode === 200) {
              out.requests++;
              out.bodyBytes = bytes;
              out.encoding = String(res.headers['content-encoding'] ?? 'identity');
            } else out.errors++;
            done();
          });
        },
      );
      req.on('error', () => {
        out.errors++;
        done();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: LOAD.connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  return out;
}
