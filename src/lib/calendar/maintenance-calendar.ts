/**
 * `/maintenance.ics`: every maintenance window as a VEVENT (RFC 5545), times in UTC so that no
 * calendar has to know the site's time zone rules, made with `ics` and folded again by octets.
 */
import { createEvents, type EventAttributes } from 'ics';
import type { Formatter } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import { markdownToText } from '../markdown.ts';
import type { Maintenance } from '../model/maintenance.ts';
import type { SiteModel } from '../model/site.ts';
import { paths } from '../paths.ts';
import { foldCalendar } from './fold.ts';

/** What the calendar is made from. */
export interface CalendarContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** The absolute URL of a site path. */
  url: (path: string) => string;
}

/** `ics` takes DTSTAMP as `timestamp`, which its types leave out. */
type EventWithStamp = EventAttributes & { timestamp: number };

/** The iCalendar text of every maintenance window, oldest first. */
export function maintenanceCalendar(ctx: CalendarContext): string {
  const { site, t } = ctx;
  const events = site.maintenances.toReversed().map((m) => maintenanceEvent(ctx, m));
  const { error, value } = createEvents(events, {
    productId: '-//Heliograph//Maintenance calendar//EN',
    method: 'PUBLISH',
    calName: `${site.config.site.title} · ${t.calendar}`,
  });
  if (error || value === null) {
    throw new Error(`maintenance.ics: ics could not write the calendar: ${String(error)}`, {
      cause: error,
    });
  }
  return foldCalendar(value);
}

/** One window; an editor's `completed` before the start cancels it. */
function maintenanceEvent(ctx: CalendarContext, m: Maintenance): EventWithStamp {
  const { site, t, fmt } = ctx;
  const cancelled = m.status === 'completed' && m.endsAt <= m.scheduledFor;
  const url = ctx.url(paths.maintenance(m.id));
  const names = m.components
    .map((id) => site.components.find((c) => c.id === id)?.name ?? id)
    .join(', ');
  const description = [
    `${t.window}: ${fmt.dateTime(m.scheduledFor)} – ${fmt.dateTime(m.scheduledUntil)}`,
    `${t.componentsUnderMaintenance}: ${names}`,
    markdownToText(m.markdown),
    url,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    // The permalink is unique to the window and never changes: a calendar updates the same event.
    uid: url,
    // When this calendar was made (RFC 5545 §3.8.7.2, with METHOD): the build's clock.
    timestamp: site.now,
    start: m.scheduledFor,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: cancelled ? m.scheduledUntil : m.endsAt,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${t.maintenance}: ${m.title}`,
    description,
    url,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    // A window is news, not a meeting: it does not make subscribers busy.
    transp: 'TRANSPARENT',
  };
}
