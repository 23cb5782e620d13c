/** A maintenance window as the site shows it, its status following the clock. */
import { paths } from '../paths.ts';
import type { Entry } from '../content/parse-entry.ts';
import type { MaintenanceData } from '../content/maintenance-schema.ts';
import { toEpoch } from '../content/timestamp.ts';
import type { MaintenanceStatus } from '../status.ts';
import { updateId } from './ids.ts';
import { uniqueIds } from './incident.ts';

export interface MaintenanceUpdate {
  id: string;
  at: number;
  status: MaintenanceStatus;
  html: string;
  markdown: string;
}

export interface Maintenance {
  id: string;
  title: string;
  status: MaintenanceStatus;
  /** Planned window. */
  scheduledFor: number;
  scheduledUntil: number;
  /** When the window really ends: early when an editor completed it, else as planned. */
  endsAt: number;
  components: string[];
  html: string;
  markdown: string;
  /** Newest first; published updates only, the announcement marker (see `announcedAt`) left out. */
  updates: MaintenanceUpdate[];
  /**
   * The clock's own events, newest first: the window opening and closing (once they have happened),
   * unless an editor posted an update with that status.
   */
  clockEvents: { id: 'started' | 'ended'; status: 'in_progress' | 'completed'; at: number }[];
  /**
   * When the window was announced: its earliest published update (`maintenance new` writes a
   * `scheduled` one without text, which marks the announcement and is no update of its own), or
   * for a file without one its start — but never after now, so that no feed entry is dated ahead.
   */
  announcedAt: number;
  /** Whether the file dates the announcement (an update posted before the start). */
  announcementDated: boolean;
  /** The first published update, or the start for lack of one. */
  createdAt: number;
  updatedAt: number;
}

/**
 * Builds a maintenance. By the clock: before the start `scheduled`, inside the window
 * `in_progress` (or `verifying` if an editor says so), after it `completed`; an editor's
 * `completed` makes it completed at once and ends the window at its latest `completed` update (with
 * no such update, the planned window still counts as maintenance).
 */
export function buildMaintenance(
  id: string,
  entry: Entry<MaintenanceData>,
  ctx: { now: number; render: (markdown: string, page: string) => string },
): Maintenance {
  const { data } = entry;
  const start = toEpoch(data.start);
  const end = toEpoch(data.end);
  const published = data.updates
    .map((u, order) => ({ ...u, time: toEpoch(u.at), order }))
    .filter((u) => u.time <= ctx.now)
    .sort((a, b) => a.time - b.time || a.order - b.order);
  const completedAt = published.filter((u) => u.status === 'completed').at(-1)?.time;
  const endsAt =
    data.status === 'completed' ? Math.min(end, Math.max(start, completedAt ?? end)) : end;

  // The editor's word ends it now, unless it names the moment in a `completed` update still to come.
  const editorCompleted =
    data.status === 'completed' &&
    (completedAt !== undefined || !data.updates.some((u) => u.status === 'completed'));
  let status: MaintenanceStatus;
  if (ctx.now < start) status = data.status === 'completed' ? 'completed' : 'scheduled';
  else if (ctx.now >= endsAt || editorCompleted) status = 'completed';
  else status = data.status === 'verifying' ? 'verifying' : 'in_progress';

  const announcementDated = published.some((u) => u.time < start);
  const announcedAt = Math.min(start, ctx.now, ...published.map((u) => u.time));
  const updates = published
    .filter((u) => !isAnnouncementMarker(u))
    .map((u) => ({
      id: updateId(id, u.time),
      at: u.time,
      status: u.status,
      html: ctx.render(u.text, paths.maintenance(id)),
      markdown: u.text,
    }));
  const posted = new Set(published.map((u) => u.status));
  const clockEvents: Maintenance['clockEvents'] = [];
  if (ctx.now >= endsAt && !posted.has('completed'))
    clockEvents.push({ id: 'ended', status: 'completed', at: endsAt });
  if (ctx.now >= start && endsAt > start && !posted.has('in_progress')) {
    clockEvents.push({ id: 'started', status: 'in_progress', at: start });
  }
  return {
    id,
    title: data.title,
    status,
    scheduledFor: start,
    scheduledUntil: end,
    endsAt,
    components: data.components,
    html: ctx.render(entry.body, paths.maintenance(id)),
    markdown: entry.body,
    updates: uniqueIds(updates).reverse(),
    clockEvents,
    announcedAt,
    announcementDated,
    createdAt: published[0]?.time ?? start,
    updatedAt: published.at(-1)?.time ?? start,
  };
}

/** A `scheduled` update without text only dates the announcement; it says nothing of its own. */
function isAnnouncementMarker(u: { status: string; text: string }): boolean {
  return u.status === 'scheduled' && u.text.trim() === '';
}

/** Whether the maintenance holds its components under_maintenance now. */
export function isMaintenanceActive(m: Maintenance): boolean {
  return m.status === 'in_progress' || m.status === 'verifying';
}
