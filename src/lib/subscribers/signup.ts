/**
 * The sign-up form's POST: checks every field, then stores the address unconfirmed and queues one
 * confirmation e-mail. The answer is the same whether the address is new, waiting or already
 * confirmed, so the form tells no one who subscribes. Refusals say why in the site's language and
 * store nothing: a line break anywhere, a filled honeypot, a malformed address, an unknown
 * component, a body too large, too many sign-ups from one network or to one address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fill } from '../i18n/messages.ts';
import { parseAddress } from './address.ts';
import { siteHome, textsOf, type ServiceContext } from './context.ts';
import { clientAddress, preferredLocale, readBody, send } from './http-io.ts';
import { SIGNUP_FIELDS } from './form.ts';
import { renderPage } from './pages.ts';

/** Handles `POST /subscribe`. */
export async function handleSignup(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServiceContext,
): Promise<void> {
  const { config, policy } = ctx;
  const siteLocale = config.site.locale;
  const t = textsOf(siteLocale);
  let back = siteHome(config);
  const answer = (
    status: number,
    title: string,
    text: string,
    headers?: Record<string, string>,
  ): void =>
    send(
      res,
      status,
      'html',
      renderPage({
        locale: siteLocale,
        title,
        paragraphs: [text],
        back: { href: back, label: t.back },
      }),
      headers,
    );
  const refuse = (status: number, text: string, headers?: Record<string, string>): void =>
    answer(status, t.problem.title, text, headers);

  const body = await readBody(req, policy.formBodyBytes);
  if (!body.ok) return refuse(413, t.problem.tooLarge);
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
    return refuse(415, t.problem.unreadable);
  const form = new URLSearchParams(body.text);
  if ([...form.values()].some((v) => /[\r\n\0]/.test(v))) return refuse(400, t.problem.lineBreak);
  back = backLink(form.get(SIGNUP_FIELDS.back), config.site.url) ?? back;
  if ((form.get(SIGNUP_FIELDS.honeypot) ?? '') !== '')
    return refuse(400, fill(t.problem.honeypot, { field: t.honeypot }));
  const address = parseAddress(form.get(SIGNUP_FIELDS.email) ?? '');
  if (!address.ok) return refuse(400, t.problem.email);
  const known = new Set(config.components.map((c) => c.id));
  const components = form.getAll(SIGNUP_FIELDS.component).filter((c) => c !== '');
  if (components.some((c) => !known.has(c))) return refuse(400, t.problem.component);

  const now = ctx.now();
  const retryAt = ctx.limiter.take(clientAddress(req, ctx.trustProxy), now);
  if (retryAt !== undefined) {
    const minutes = String(Math.ceil((retryAt - now) / 60_000));
    return refuse(429, fill(t.problem.tooManyClient, { minutes }), {
      'retry-after': String(Math.ceil((retryAt - now) / 1000)),
    });
  }
  const result = await ctx.store.signUp(
    {
      email: address.address,
      locale: preferredLocale(req.headers['accept-language'], siteLocale),
      components,
      source: 'form',
      consentAt: now,
      confirmedAt: null,
    },
    now,
  );
  if (result.kind === 'too-soon') {
    const minutes = String(Math.max(1, Math.ceil((result.retryAt - now) / 60_000)));
    return refuse(429, fill(t.problem.tooManyAddress, { minutes }), {
      'retry-after': String(Math.ceil((result.retryAt - now) / 1000)),
    });
  }
  if (result.kind === 'queued') ctx.wake();
  const hours = String(policy.confirmLinkMs / 3_600_000);
  answer(200, t.checkInbox.title, fill(t.checkInbox.text, { email: address.address, hours }));
}

/** The page to link back to: only a page of the status site itself (never a link elsewhere). */
function backLink(value: string | null, siteUrl: string): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.origin === new URL(siteUrl).origin ? url.href : undefined;
}
