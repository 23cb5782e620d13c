/**
 * The admin endpoints: export (CSV), import (CSV) and forget (one address). Each needs
 * `Authorization: Bearer <SUBSCRIBERS_ADMIN_TOKEN>`, compared in constant time; without the
 * variable they are off. Nothing else lists subscribers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'astro/zod';
import { formatProblem } from '../validation/friendly-errors.ts';
import type { ServiceContext } from './context.ts';
import { parseSubscribersCsv, subscribersCsv } from './csv.ts';
import { readBody, send, sendJson } from './http-io.ts';

type AdminRoute = 'export' | 'import' | 'forget';

const forgetBody = z.strictObject({ email: z.string().min(1).max(320) });

/** Handles the admin routes (method already checked). */
export async function handleAdmin(
  route: AdminRoute,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServiceContext,
): Promise<void> {
  const refuse = (status: number, error: string, headers?: Record<string, string>): void =>
    sendJson(res, status, { error }, headers);
  if (ctx.secrets.admin === undefined)
    return refuse(404, 'admin endpoints are off: set SUBSCRIBERS_ADMIN_TOKEN to turn them on');
  if (!authorized(req.headers.authorization, ctx.secrets.admin)) {
    req.resume();
    return refuse(401, 'send Authorization: Bearer <SUBSCRIBERS_ADMIN_TOKEN>', {
      'www-authenticate': 'Bearer realm="heliograph-subscribers"',
    });
  }
  if (route === 'export') return send(res, 200, 'csv', subscribersCsv(await ctx.store.all()));
  const body = await readBody(req, ctx.policy.importBodyBytes);
  if (!body.ok) return refuse(413, `body over ${ctx.policy.importBodyBytes} bytes`);
  if (route === 'forget') {
    let parsed;
    try {
      parsed = forgetBody.safeParse(JSON.parse(body.text));
    } catch {
      // Not JSON at all: answered like any other malformed body.
      parsed = undefined;
    }
    if (!parsed?.success) return refuse(400, 'send {"email": "<address>"} as JSON');
    const erased = await ctx.store.forget(parsed.data.email);
    ctx.log(`forget: ${erased ? 'erased an address' : 'no such address'} (admin endpoint)`);
    return sendJson(res, 200, { erased });
  }
  const now = ctx.now();
  const csv = parseSubscribersCsv(body.text, {
    file: 'import',
    components: new Set(ctx.config.components.map((c) => c.id)),
    locale: ctx.config.site.locale,
    now,
  });
  if (!csv.ok) return refuse(400, csv.problems.map((p) => formatProblem(p).trim()).join('\n'));
  const result = await ctx.store.importRows(csv.rows, now);
  if (result.confirmations) ctx.wake();
  sendJson(res, 200, result);
}

/** Whether `header` carries the token; both sides hashed first, so lengths never leak. */
export function authorized(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}
