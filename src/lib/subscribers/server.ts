/**
 * The service's routes, over plain `node:http`. Paths are matched after the base URL's own path
 * (`subscriptions.url` may be https://example.com/status-mail/), whether or not a proxy strips it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { servicePaths } from '../paths.ts';
import { handleAdmin } from './admin.ts';
import type { ServiceContext } from './context.ts';
import { handleEvent } from './event-intake.ts';
import { send, sendJson } from './http-io.ts';
import { handleLink } from './link-pages.ts';
import { handleSignup } from './signup.ts';

/** The pages that links in e-mails open. */
const LINK_ROUTES = ['confirm', 'unsubscribe', 'preferences'] as const;

/** Reports whether the service is shutting down (the health check turns 503). */
export interface Lifecycle {
  stopping: () => boolean;
}

/** The request handler of the service. */
export function requestHandler(
  ctx: ServiceContext,
  lifecycle: Lifecycle,
): (req: IncomingMessage, res: ServerResponse) => void {
  const basePath = new URL(ctx.serviceBase).pathname.replace(/\/?$/, '/');
  return (req, res) => {
    route(req, res, basePath, ctx, lifecycle).catch((error: unknown) => {
      ctx.log(
        `error: ${req.method ?? ''} ${pathOnly(req.url)}: ${(error as Error).stack ?? String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error; see the service log' });
      else res.destroy();
    });
  };
}

/** Which handler answers; methods other than the route's get 405. */
async function route(
  req: IncomingMessage,
  res: ServerResponse,
  basePath: string,
  ctx: ServiceContext,
  lifecycle: Lifecycle,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://service.invalid');
  const path = url.pathname.startsWith(basePath)
    ? url.pathname.slice(basePath.length)
    : url.pathname.slice(1);
  const method = req.method ?? 'GET';
  const only = (allowed: string[]): boolean => {
    if (allowed.includes(method)) return true;
    req.resume();
    send(res, 405, 'text', `use ${allowed.join(' or ')}\n`, { allow: allowed.join(', ') });
    return false;
  };
  const link = LINK_ROUTES.find((r) => servicePaths[r]() === path);
  if (link !== undefined) {
    if (!only(['GET', 'POST'])) return;
    return handleLink(link, req, res, url, ctx);
  }
  switch (path) {
    case servicePaths.health():
      if (!only(['GET', 'HEAD'])) return;
      return health(res, ctx, lifecycle);
    case servicePaths.count():
      if (!only(['GET', 'HEAD'])) return;
      // Public and cacheable: the status page reads it when it is built.
      return sendJson(
        res,
        200,
        { subscribers: await ctx.store.count() },
        {
          'cache-control': 'public, max-age=300',
          'access-control-allow-origin': '*',
        },
      );
    case servicePaths.subscribe():
      if (!only(['POST'])) return;
      return handleSignup(req, res, ctx);
    case servicePaths.events():
      if (!only(['POST'])) return;
      return handleEvent(req, res, ctx);
    case servicePaths.export():
      if (!only(['GET'])) return;
      return handleAdmin('export', req, res, ctx);
    case servicePaths.import():
      if (!only(['POST'])) return;
      return handleAdmin('import', req, res, ctx);
    case servicePaths.forget():
      if (!only(['POST'])) return;
      return handleAdmin('forget', req, res, ctx);
    default:
      req.resume();
      return send(res, 404, 'text', 'not found\n');
  }
}

/** 200 while the database answers and the service is not stopping; 503 otherwise. */
async function health(
  res: ServerResponse,
  ctx: ServiceContext,
  lifecycle: Lifecycle,
): Promise<void> {
  if (lifecycle.stopping()) return sendJson(res, 503, { status: 'stopping' });
  try {
    await ctx.store.count();
  } catch (error) {
    ctx.log(`health: the database does not answer: ${(error as Error).message}`);
    return sendJson(res, 503, { status: 'database unavailable' });
  }
  sendJson(res, 200, { status: 'ok' });
}

/** A request URL without its query (which may hold a token) for the log. */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}
