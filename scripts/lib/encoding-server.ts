/**
 * A small static server for the request-rate benchmark, serving a built site the two ways a host
 * can compress it: `precompressed` sends `file.br` or `file.gz` as they are when the client
 * accepts them and they exist (nginx `brotli_static`/`gzip_static`, Caddy `precompressed`);
 * `dynamic` compresses every response as it goes (nginx `gzip on`, `brotli on`). Run as a
 * program (`node scripts/lib/encoding-server.ts DIR MODE`), it listens on a free port of
 * 127.0.0.1 and prints it, so that the load comes from another process.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** How the server compresses. */
export type EncodingMode = 'precompressed' | 'dynamic';

/**
 * The levels a server compresses each response at: brotli 5 and gzip 6, the usual settings of
 * nginx's and Caddy's compression (their highest levels cost too much CPU per request).
 */
export const DYNAMIC_LEVELS = { brotliQuality: 5, gzipLevel: 6 } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function startEncodingServer(dir: string, mode: EncodingMode): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    void answer(root, mode, req.url ?? '/', String(req.headers['accept-encoding'] ?? '')).then(
      ({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

async function answer(
  root: string,
  mode: EncodingMode,
  url: string,
  accepts: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer | string }> {
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  let file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) return { status: 404, headers: {}, body: '' };
  if (path.endsWith('/')) file = join(file, 'index.html');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, Vary: 'Accept-Encoding' };
  const wants = (coding: string): boolean => new RegExp(`\\b${coding}\\b`).test(accepts);
  const text = !type.startsWith('image/png');
  if (mode === 'precompressed' && text) {
    for (const [coding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!wants(coding)) continue;
      const copy = await readFile(`${file}${suffix}`).catch(() => undefined);
      if (copy)
        return { status: 200, headers: { ...headers, 'Content-Encoding': coding }, body: copy };
    }
  }
  const data = await readFile(file).catch(() => undefined);
  if (!data || !(await stat(file)).isFile()) return { status: 404, headers: {}, body: '' };
  if (mode === 'dynamic' && text && wants('br')) {
    const body = await brotliAsync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_LEVELS.brotliQuality },
    });
    return { status: 200, headers: { ...headers, 'Content-Encoding': 'br' }, body };
  }
  if (mode === 'dynamic' && text && wants('gzip')) {
    const body = await gzipAsync(data, { level: DYNAMIC_LEVELS.gzipLevel });
    return { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' }, body };
  }
  return { status: 200, headers, body: data };
}

if (import.meta.main) {
  const [dir, mode] = process.argv.slice(2);
  if (!dir || (mode !== 'precompressed' && mode !== 'dynamic')) {
    console.error('usage: node scripts/lib/encoding-server.ts DIR precompressed|dynamic');
    process.exitCode = 2;
  } else {
    const server = await startEncodingServer(dir, mode);
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  }
}
