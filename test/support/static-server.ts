/**
 * A tiny static file server for the browser tests: serves a built `dist/` folder on 127.0.0.1 at a
 * free port, the way a plain static host would (directory → index.html, unknown path → 404.html
 * with status 404). Only GET and HEAD; never serves a file outside the folder.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** The content type for a file name (application/octet-stream when unknown). */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A regular file's size, or undefined when there is no file at that path. */
function fileSize(path: string): number | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** The file a URL path maps to inside `root`, or undefined (not found, or outside the folder). */
export function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  if (fileSize(target) !== undefined) return target;
  const index = join(target, 'index.html');
  return fileSize(index) !== undefined ? index : undefined;
}

/** Starts serving `dist` on 127.0.0.1 at a free port. */
export async function startStaticServer(dist: string): Promise<StaticServer> {
  const root = resolve(dist);
  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    file: string | undefined,
  ): void => {
    const size = file === undefined ? undefined : fileSize(file);
    if (file === undefined || size === undefined) {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(status === 404 ? 'Not found' : 'Error');
      return;
    }
    res.writeHead(status, {
      'content-type': contentType(file),
      'content-length': size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = resolveFile(root, path);
    // A directory without its trailing slash: redirect, as static hosts do, so relative links work.
    if (
      file !== undefined &&
      file.endsWith(`${sep}index.html`) &&
      !path.endsWith('/') &&
      !path.endsWith('index.html')
    ) {
      res.writeHead(301, { location: `${path}/` }).end();
      return;
    }
    if (file !== undefined) send(req, res, 200, file);
    else send(req, res, 404, join(root, '404.html'));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
