/**
 * The pages the links in e-mails open. Opening a link (GET) changes nothing — mail scanners open
 * links too — it shows a button that posts back. The one exception is the RFC 8058 one-click
 * unsubscribe: a POST to the `List-Unsubscribe` URL unsubscribes at once, whatever its body, with no
 * page in between. A forged or cut link is refused (403), an expired one too (410); a link to a
 * subscriber who is gone says so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale } from '../config/schema.ts';
import { fill } from '../i18n/messages.ts';
import { servicePaths, serviceUrl } from '../paths.ts';
import { siteHome, textsOf, type ServiceContext } from './context.ts';
import { readBody, send } from './http-io.ts';
import { renderPage, type PageForm } from './pages.ts';
import type { Subscriber } from './store.ts';
import { signToken, verifyToken, type TokenPurpose } from './tokens.ts';

export type LinkRoute = 'confirm' | 'unsubscribe' | 'preferences';

/** Handles GET and POST of `/confirm`, `/unsubscribe` and `/preferences`. */
export async function handleLink(
  route: LinkRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ServiceContext,
): Promise<void> {
  const post = req.method === 'POST';
  const body = post
    ? await readBody(req, ctx.policy.formBodyBytes)
    : { ok: true as const, text: '' };
  const page = pageSender(res, ctx);
  const siteT = textsOf(ctx.config.site.locale);
  if (!body.ok)
    return page(413, ctx.config.site.locale, siteT.problem.title, [siteT.problem.tooLarge]);
  const token = url.searchParams.get('token') ?? '';
  const check = verifyToken(ctx.secrets.link, route, token, ctx.now());
  if (!check.ok) {
    const text =
      check.problem === 'expired' ? siteT.problem.linkExpired : siteT.problem.linkInvalid;
    return page(
      check.problem === 'expired' ? 410 : 403,
      ctx.config.site.locale,
      siteT.problem.title,
      [text],
    );
  }
  const subscriber = await ctx.store.subscriber(check.subscriber);
  if (subscriber === undefined) {
    // Unsubscribing twice is not an error: the address is off the list, as asked.
    if (route === 'unsubscribe') return unsubscribed(page, ctx.config.site.locale);
    return page(410, ctx.config.site.locale, siteT.problem.title, [siteT.problem.gone]);
  }
  const t = textsOf(subscriber.locale);
  const site = ctx.config.site.title;
  const vars = { site, email: subscriber.email };
  const here = serviceUrl(ctx.serviceBase, servicePaths[route](), { token });
  switch (route) {
    case 'confirm':
      if (post || subscriber.confirmedAt !== null) {
        if (subscriber.confirmedAt === null) await ctx.store.confirm(subscriber.id, ctx.now());
        return page(200, subscriber.locale, t.confirmed.title, [fill(t.confirmed.text, vars)]);
      }
      return page(
        200,
        subscriber.locale,
        t.confirm.title,
        [fill(t.confirm.text, vars)],
        [{ action: here, button: t.confirm.button }],
      );
    case 'unsubscribe':
      if (post) {
        await ctx.store.remove(subscriber.id);
        ctx.log(`unsubscribed ${subscriber.id}`);
        return unsubscribed(page, subscriber.locale);
      }
      return page(
        200,
        subscriber.locale,
        t.unsubscribe.title,
        [fill(t.unsubscribe.text, vars)],
        [{ action: here, button: t.unsubscribe.button }],
      );
    case 'preferences':
      return preferences({ post, body: body.text, subscriber, here, page, ctx });
  }
}

type PageSender = (
  status: number,
  locale: Locale,
  title: string,
  paragraphs: string[],
  forms?: PageForm[],
) => void;

function pageSender(res: ServerResponse, ctx: ServiceContext): PageSender {
  return (status, locale, title, paragraphs, forms) =>
    send(
      res,
      status,
      'html',
      renderPage({
        locale,
        title,
        paragraphs,
        forms: forms ?? [],
        back: { href: siteHome(ctx.config), label: textsOf(locale).back },
      }),
    );
}

function unsubscribed(page: PageSender, locale: Locale): void {
  const t = textsOf(locale);
  page(200, locale, t.unsubscribed.title, [t.unsubscribed.text]);
}

/** The preferences page: ticked components, saved on POST; and a way out. */
async function preferences(options: {
  post: boolean;
  body: string;
  subscriber: Subscriber;
  here: string;
  page: PageSender;
  ctx: ServiceContext;
}): Promise<void> {
  const { subscriber, ctx, page } = options;
  const t = textsOf(subscriber.locale);
  let chosen = subscriber.components;
  const said: string[] = [fill(t.preferences.text, { email: subscriber.email })];
  if (options.post) {
    const form = new URLSearchParams(options.body);
    const known = new Set(ctx.config.components.map((c) => c.id));
    const picked = form.getAll('component');
    if (picked.some((c) => !known.has(c)))
      return page(400, subscriber.locale, t.problem.title, [t.problem.component]);
    await ctx.store.setComponents(subscriber.id, picked);
    chosen = picked;
    said.unshift(t.preferences.saved);
  }
  const unsubscribe = serviceUrl(ctx.serviceBase, servicePaths.unsubscribe(), {
    token: signToken(ctx.secrets.link, 'unsubscribe' satisfies TokenPurpose, subscriber.id),
  });
  page(200, subscriber.locale, t.preferences.title, said, [
    {
      action: options.here,
      button: t.preferences.button,
      choices: {
        legend: t.component,
        options: ctx.config.components.map((c) => ({
          value: c.id,
          label: c.name,
          checked: chosen.includes(c.id),
        })),
      },
    },
    { action: unsubscribe, button: t.preferences.unsubscribe },
  ]);
}
