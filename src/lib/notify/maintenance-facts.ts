/**
 * The facts of a maintenance event in the shape the multichannel texts take
 * (src/lib/share/texts.ts), so that a maintenance notice reads like an incident update on every
 * channel: "Scheduled maintenance: <title>" (or starting soon, in progress, completed), the
 * components, the window, the text, the link.
 */
import { contactOf } from '../share/facts.ts';
import type { ShareFacts } from '../share/texts.ts';
import type { Formatter } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import { markdownToText } from '../markdown.ts';
import type { Maintenance } from '../model/maintenance.ts';
import { statusesOf, usableChannels, worseOf, type StatusOf } from '../model/channels.ts';
import type { SiteModel } from '../model/site.ts';
import type { MaintenanceEventKind } from './events.ts';

export interface MaintenanceFactsContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** Absolute URL of the maintenance page. */
  url: string;
}

/**
 * The facts of a maintenance event. Before and during the window: its latest update's text, or its
 * description, and the channels to use instead of those the work takes down. Once it has ended:
 * the editor's `completed` words, or the clock's.
 */
export function maintenanceFacts(
  m: Maintenance,
  kind: MaintenanceEventKind,
  ctx: MaintenanceFactsContext,
): ShareFacts {
  const { site, t, fmt } = ctx;
  const name = (id: string): string => site.components.find((c) => c.id === id)?.name ?? id;
  const ended = kind === 'maintenance.ended';
  // Channels that follow a component under maintenance are unavailable while it lasts, and so is
  // any channel the page says is affected now; once the work has ended, none is offered.
  const inWindow: StatusOf = (id) => (m.components.includes(id) ? 'under_maintenance' : undefined);
  const touchesChannel = site.config.channels.some(
    (ch) => ch.component !== undefined && m.components.includes(ch.component),
  );
  const alternatives =
    !ended && touchesChannel
      ? usableChannels(site.config.channels, worseOf(statusesOf(site.components), inWindow))
      : [];
  const end =
    fmt.date(m.scheduledUntil) === fmt.date(m.scheduledFor)
      ? fmt.time(m.scheduledUntil)
      : fmt.dateTime(m.scheduledUntil);
  const latest = m.updates[0];
  const text = ended
    ? latest?.status === 'completed' && latest.markdown
      ? latest.markdown
      : t.clockEvent.completed
    : latest?.markdown || m.markdown;
  const headline: Record<MaintenanceEventKind, string> = {
    'maintenance.scheduled': t.maintenanceUpcoming,
    'maintenance.reminder': t.maintenanceSoon,
    'maintenance.started': t.maintenanceNow,
    'maintenance.ended': t.maintenanceEnded,
  };
  return {
    siteName: site.config.site.title,
    status: headline[kind],
    title: m.title,
    components: m.components.map(name),
    time: `${fmt.dateTime(m.scheduledFor)} – ${end}`,
    timeShort: `${fmt.time(m.scheduledFor)}–${fmt.time(m.scheduledUntil)}`,
    text: markdownToText(text),
    alternatives: alternatives.map((ch) => ({ name: ch.name, contact: contactOf(ch) })),
    url: ctx.url,
    labels: { affected: t.share.affected, reachUs: t.share.reachUs },
    danglingWords: t.share.danglingWords.split(' '),
  };
}
