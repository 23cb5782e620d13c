/**
 * The facts of a maintenance window that has started, in the shape the multichannel texts take
 * (src/lib/share/texts.ts), so that a maintenance notice reads like an incident update on every
 * channel: "Maintenance in progress: <title>", the components, the window, the text, the link.
 */
import { contactOf } from '../share/facts.ts';
import type { ShareFacts } from '../share/texts.ts';
import type { Formatter } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import { markdownToText } from '../markdown.ts';
import type { Maintenance } from '../model/maintenance.ts';
import { channelNotice, type SiteModel } from '../model/site.ts';

export interface MaintenanceFactsContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** Absolute URL of the maintenance page. */
  url: string;
}

/** The facts of a started maintenance: its latest update's text, or its description. */
export function maintenanceFacts(m: Maintenance, ctx: MaintenanceFactsContext): ShareFacts {
  const { site, t, fmt } = ctx;
  const name = (id: string): string => site.components.find((c) => c.id === id)?.name ?? id;
  // Channels that follow a component under maintenance are unavailable while it lasts.
  const notice = channelNotice(
    site.config.channels,
    site.config.components.map((c) => ({
      id: c.id,
      status: m.components.includes(c.id) ? 'under_maintenance' : 'operational',
    })),
  );
  const end =
    fmt.date(m.scheduledUntil) === fmt.date(m.scheduledFor)
      ? fmt.time(m.scheduledUntil)
      : fmt.dateTime(m.scheduledUntil);
  return {
    siteName: site.config.site.title,
    status: t.maintenanceNow,
    title: m.title,
    components: m.components.map(name),
    time: `${fmt.dateTime(m.scheduledFor)} – ${end}`,
    timeShort: `${fmt.time(m.scheduledFor)}–${fmt.time(m.scheduledUntil)}`,
    text: markdownToText(m.updates[0]?.markdown || m.markdown),
    alternatives: (notice?.alternatives ?? []).map((ch) => ({
      name: ch.name,
      contact: contactOf(ch),
    })),
    url: ctx.url,
    labels: { affected: t.share.affected, reachUs: t.share.reachUs },
  };
}
