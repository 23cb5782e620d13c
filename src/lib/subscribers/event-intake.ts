/**
 * `POST /events` from the notify target: refused unless signed with the shared secret at a time
 * within the window (an unsigned event, a forged one, or a recorded one replayed later); then parsed
 * with the target's own schema and recorded once, with one delivery per matching confirmed
 * subscriber. The same event posted again inside the window (notify retrying after a lost answer)
 * is acknowledged and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../notify/signature.ts';
import { subscriberEventSchema } from '../notify/targets/subscribers.ts';
import type { ServiceContext } from './context.ts';
import { readBody, sendJson } from './http-io.ts';

/** Handles `POST /events`. */
export async function handleEvent(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServiceContext,
): Promise<void> {
  const refuse = (status: number, error: string): void => sendJson(res, status, { error });
  const body = await readBody(req, ctx.policy.eventBodyBytes);
  if (!body.ok) return refuse(413, `event body over ${ctx.policy.eventBodyBytes} bytes`);
  const signature = header(req, SIGNATURE_HEADER);
  const stamp = header(req, TIMESTAMP_HEADER);
  if (signature === undefined) return refuse(401, `unsigned event: no ${SIGNATURE_HEADER} header`);
  if (stamp === undefined || !/^\d{1,12}$/.test(stamp))
    return refuse(401, `no ${TIMESTAMP_HEADER} header in seconds since 1970`);
  const now = ctx.now();
  const skew = Math.abs(now - Number(stamp) * 1000);
  if (skew > ctx.policy.eventWindowMs) {
    return refuse(
      401,
      `${TIMESTAMP_HEADER} is ${Math.round(skew / 1000)} s from this server's clock, outside the ${ctx.policy.eventWindowMs / 1000} s window: a replayed request, or a clock to fix`,
    );
  }
  if (!verifySignature(body.text, signature, ctx.secrets.event))
    return refuse(
      401,
      `${SIGNATURE_HEADER} does not match the body: wrong secret, or the body was changed`,
    );

  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch (error) {
    return refuse(400, `the body is not JSON: ${(error as Error).message}`);
  }
  const parsed = subscriberEventSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
    );
    return refuse(400, `not an event: ${problems.join('; ')}`);
  }
  const event = parsed.data;
  if (Date.parse(event.sent_at) !== Number(stamp) * 1000)
    return refuse(400, `sent_at differs from ${TIMESTAMP_HEADER}`);
  const result = await ctx.store.recordEvent(event, now);
  if (result.recorded) {
    ctx.log(`event ${event.event.id}: ${result.deliveries} deliveries recorded`);
    ctx.wake();
  }
  sendJson(res, 200, {
    event: event.event.id,
    duplicate: !result.recorded,
    deliveries: result.deliveries,
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
