/**
 * What notifications are about, read from the site model: an incident opened (its first update),
 * each later update, its resolution; a maintenance window announced, recalled shortly before it
 * starts, started and ended. Each event has an id that never changes, so the record of what was
 * sent can name it and reruns send nothing twice. An event exists once its time has come.
 */
import type { NotificationEventKind } from '../config/schema.ts';
import type { Incident, IncidentUpdate } from '../model/incident.ts';
import type { Maintenance } from '../model/maintenance.ts';
import type { SiteModel } from '../model/site.ts';
import { isResolvedStatus } from '../status.ts';
import { MINUTE } from '../time.ts';

/** Kinds of events about a maintenance window. */
export type MaintenanceEventKind = Extract<NotificationEventKind, `maintenance.${string}`>;

/** An update of an incident. */
export interface IncidentEvent {
  /** The update's id (`<incident>-<yyyymmddthhmm>`), as in the feeds and the API. */
  id: string;
  kind: Exclude<NotificationEventKind, MaintenanceEventKind>;
  at: number;
  incident: Incident;
  update: IncidentUpdate;
}

/** A maintenance window announced, recalled, started or ended. */
export interface MaintenanceEvent {
  /**
   * `<maintenance>-scheduled`, `-reminder`, `-started` or `-ended`: update ids end in a minute,
   * so these are distinct from them.
   */
  id: string;
  kind: MaintenanceEventKind;
  at: number;
  maintenance: Maintenance;
}

/** The message `notify --test` sends: about nothing but the target itself. */
export interface TestEvent {
  /** `test-<yyyymmddthhmmss>`: every test is a message of its own. */
  id: string;
  kind: 'test';
  at: number;
}

export type NotificationEvent = IncidentEvent | MaintenanceEvent;

/** Every event the site holds at `site.now`, oldest first (ties by id, so the order is stable). */
export function notificationEvents(site: SiteModel): NotificationEvent[] {
  const events: NotificationEvent[] = [];
  for (const incident of site.incidents) {
    // The model lists updates newest first; an event's kind depends on the one before it.
    const timeline = [...incident.updates].reverse();
    timeline.forEach((update, i) => {
      events.push({
        id: update.id,
        kind: incidentEventKind(update, timeline[i - 1]),
        at: update.at,
        incident,
        update,
      });
    });
  }
  const remindMs = site.config.notify.remind_before_minutes * MINUTE;
  for (const maintenance of site.maintenances) {
    for (const [kind, at] of maintenanceMoments(maintenance, remindMs, site.now)) {
      events.push({
        id: `${maintenance.id}-${kind}`,
        kind: `maintenance.${kind}`,
        at,
        maintenance,
      });
    }
  }
  return events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** The test event of a run at `now`. */
export function testEvent(now: number): TestEvent {
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').toLowerCase();
  return { id: `test-${stamp}`, kind: 'test', at: now };
}

type Moment = 'scheduled' | 'reminder' | 'started' | 'ended';

/**
 * A window's events that are due, by the clock and its status:
 * - `scheduled` while it is still to come, once its file dates the announcement (an update posted
 *   before the start, as `maintenance new` writes): without one nobody knows when it was
 *   published, and it is not announced as news;
 * - `reminder` within `remindMs` of the start, unless it was announced within that time;
 * - `started` while it runs: a window already over by the time anyone looks (or completed early
 *   by an editor) is not announced as starting;
 * - `ended` once it has run and is completed (a window cancelled before its start never ran).
 */
function maintenanceMoments(m: Maintenance, remindMs: number, now: number): [Moment, number][] {
  const moments: [Moment, number][] = [];
  if (m.status === 'scheduled') {
    if (m.announcementDated) moments.push(['scheduled', m.announcedAt]);
    const remindAt = m.scheduledFor - remindMs;
    const announcedLate = m.announcementDated && m.announcedAt >= remindAt;
    if (remindMs > 0 && remindAt <= now && !announcedLate) moments.push(['reminder', remindAt]);
  }
  if (m.status === 'in_progress' || m.status === 'verifying') {
    moments.push(['started', m.scheduledFor]);
  }
  if (m.status === 'completed' && m.endsAt > m.scheduledFor && now >= m.scheduledFor) {
    // An editor may complete a window before its planned end without saying when: it ended by now.
    moments.push(['ended', Math.min(m.endsAt, now)]);
  }
  return moments;
}

/**
 * A resolution is `resolved` even when it is the first update (an incident written up afterwards);
 * otherwise the first update opens the incident and the others update it. A postmortem after the
 * resolution is an update.
 */
function incidentEventKind(
  update: IncidentUpdate,
  previous: IncidentUpdate | undefined,
): IncidentEvent['kind'] {
  const wasResolved = previous !== undefined && isResolvedStatus(previous.status);
  if (isResolvedStatus(update.status) && !wasResolved) return 'incident.resolved';
  return previous === undefined ? 'incident.opened' : 'incident.updated';
}
