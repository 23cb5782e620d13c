/**
 * The facts of an incident update for sharing, from the site model: in the site's language and
 * time zone, with the channels a customer can use now when the incident takes down one of the
 * business's channels.
 */
import type { ChannelConfig } from '../config/schema.ts';
import type { Formatter } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import { markdownToText } from '../markdown.ts';
import type { Incident, IncidentUpdate } from '../model/incident.ts';
import { statusesOf, usableChannels, worseOf } from '../model/channels.ts';
import type { SiteModel } from '../model/site.ts';
import { isResolvedStatus } from '../status.ts';
import type { ShareFacts } from './texts.ts';

export interface FactsContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** Absolute URL of the incident. */
  url: string;
}

/** The facts of one update of an incident. */
export function shareFacts(
  incident: Incident,
  update: IncidentUpdate,
  ctx: FactsContext,
): ShareFacts {
  const { site, t, fmt } = ctx;
  const name = (id: string): string => site.components.find((c) => c.id === id)?.name ?? id;
  // The channels this incident takes down, while it is not resolved…
  const down = isResolvedStatus(update.status) ? [] : incident.components;
  const touchesChannel = site.config.channels.some((ch) => down.some((d) => d.id === ch.component));
  // …and the ones a customer can use instead: neither down by this incident nor by anything the
  // page says now (another incident, a check, a maintenance window).
  const alternatives = touchesChannel
    ? usableChannels(site.config.channels, worseOf(statusesOf(site.components), statusesOf(down)))
    : [];
  return {
    siteName: site.config.site.title,
    status: t.incidentStatus[update.status],
    title: incident.title,
    components: incident.components.map((c) => name(c.id)),
    time: fmt.dateTime(update.at),
    timeShort: fmt.time(update.at),
    text: markdownToText(update.markdown),
    alternatives: alternatives.map((ch) => ({ name: ch.name, contact: contactOf(ch) })),
    url: ctx.url,
    labels: { affected: t.share.affected, reachUs: t.share.reachUs },
    danglingWords: t.share.danglingWords.split(' '),
  };
}

/**
 * How a channel is written in a message: its label, or its address without the scheme (a path on
 * the site as it is written).
 */
export function contactOf(channel: ChannelConfig): string {
  if (channel.label) return channel.label;
  const url = URL.parse(channel.url);
  if (url === null) return channel.url;
  if (url.protocol === 'mailto:' || url.protocol === 'tel:' || url.protocol === 'sms:')
    return decodeURIComponent(url.pathname);
  return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
