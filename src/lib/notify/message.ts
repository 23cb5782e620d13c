/**
 * What is sent for one event: the multichannel texts (src/lib/share/texts.ts), the link, and the
 * generic webhook's JSON payload, whose incident and maintenance objects have the Statuspage
 * shapes of the public API so that receivers can reuse the code that reads `/api/v2/`.
 */
import type { Locale } from '../config/schema.ts';
import { createFormatter, type Formatter } from '../i18n/format.ts';
import { fill, messages, type Messages } from '../i18n/messages.ts';
import type { SiteModel } from '../model/site.ts';
import { absolute, paths } from '../paths.ts';
import { shareFacts } from '../share/facts.ts';
import { shareTexts, type ShareFacts, type ShareTexts } from '../share/texts.ts';
import { apiIncident, apiIncidentUpdate } from '../statuspage/incident.ts';
import { apiMaintenance } from '../statuspage/maintenance.ts';
import { apiContext, apiTime, type ApiContext } from '../statuspage/page.ts';
import type {
  ApiIncident,
  ApiIncidentUpdate,
  ApiMaintenance,
  ApiPage,
  ApiTime,
} from '../statuspage/types.ts';
import type { NotificationEvent, TestEvent } from './events.ts';
import { maintenanceFacts } from './maintenance-facts.ts';

/** The JSON body of the generic webhook (docs/notifications.md, "The webhook payload"). */
export interface WebhookPayload {
  event: { id: string; type: SentEvent['kind']; at: ApiTime };
  page: ApiPage;
  /** The incident as `/api/v2/incidents.json` shows it (incident events). */
  incident?: ApiIncident;
  /** The maintenance as `/api/v2/scheduled-maintenances.json` shows it (maintenance events). */
  maintenance?: ApiMaintenance;
  /** The update the event is about; for a maintenance, its newest update (null if none). */
  update: ApiIncidentUpdate | null;
  texts: ShareTexts;
  /** The incident or maintenance page (the home page for a test). */
  url: string;
}

/** What a message can be about: an event of the site, or a test. */
export type SentEvent = NotificationEvent | TestEvent;

/** One event, ready for every kind of target. */
export interface NotificationMessage {
  event: SentEvent;
  texts: ShareTexts;
  url: string;
  payload: WebhookPayload;
}

/** What building messages needs, made once per run. */
export interface MessageContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  api: ApiContext;
}

/** The message context of a site model, in its time zone and its language (or `locale`). */
export function messageContext(
  site: SiteModel,
  locale: Locale = site.config.site.locale,
): MessageContext {
  const tz = site.config.site.time_zone;
  return { site, t: messages(locale), fmt: createFormatter(locale, tz), api: apiContext(site) };
}

/** The texts, link and payload of one event. */
export function notificationMessage(event: SentEvent, ctx: MessageContext): NotificationMessage {
  const { url: siteUrl, base } = ctx.site.config.site;
  const head = (): WebhookPayload['event'] => ({
    id: event.id,
    type: event.kind,
    at: apiTime(event.at),
  });
  if (event.kind === 'test') {
    const url = absolute(siteUrl, base, paths.home());
    const texts = shareTexts(testFacts(event, { ...ctx, url }));
    return {
      event,
      texts,
      url,
      payload: { event: head(), page: ctx.api.page, update: null, texts, url },
    };
  }
  if ('maintenance' in event) {
    const url = absolute(siteUrl, base, paths.maintenance(event.maintenance.id));
    const texts = shareTexts(maintenanceFacts(event.maintenance, event.kind, { ...ctx, url }));
    const maintenance = apiMaintenance(ctx.api, event.maintenance);
    return {
      event,
      texts,
      url,
      payload: {
        event: head(),
        page: ctx.api.page,
        maintenance,
        // The newest update an editor posted; the announcement is in `maintenance` already.
        update: event.maintenance.updates.length ? (maintenance.incident_updates[0] ?? null) : null,
        texts,
        url,
      },
    };
  }
  const url = absolute(siteUrl, base, paths.incident(event.incident.id));
  const texts = shareTexts(shareFacts(event.incident, event.update, { ...ctx, url }));
  return {
    event,
    texts,
    url,
    payload: {
      event: head(),
      page: ctx.api.page,
      incident: apiIncident(ctx.api, event.incident),
      update: apiIncidentUpdate(ctx.api, event.incident.id, event.update),
      texts,
      url,
    },
  };
}

/** The facts of a test message: the site, the sentence, the time and the home page. */
function testFacts(event: TestEvent, ctx: MessageContext & { url: string }): ShareFacts {
  const { t, fmt } = ctx;
  const siteName = ctx.site.config.site.title;
  return {
    siteName,
    status: t.notifyTest.title,
    title: siteName,
    components: [],
    time: fmt.dateTime(event.at),
    timeShort: fmt.time(event.at),
    text: fill(t.notifyTest.text, { site: siteName }),
    alternatives: [],
    url: ctx.url,
    labels: { affected: t.share.affected, reachUs: t.share.reachUs },
    danglingWords: t.share.danglingWords.split(' '),
  };
}
