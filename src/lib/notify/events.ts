/**
 * What notifications are about, read from the site model: an incident opened (its first update),
 * each later update, its resolution, and a maintenance window starting. Each event has an id that
 * never changes, so the record of what was sent can name it and reruns send nothing twice.
 */
import type { NotificationEventKind } from '../config/schema.ts';
import type { Incident, IncidentUpdate } from '../model/incident.ts';
import type { Maintenance } from '../model/maintenance.ts';
import type { SiteModel } from '../model/site.ts';
import { isResolvedStatus } from '../status.ts';

/** An update of an incident. */
export interface IncidentEvent {
  /** The update's id (`<incident>-<yyyymmddthhmm>`), as in the feeds and the API. */
  id: string;
  kind: Exclude<NotificationEventKind, 'maintenance.started'>;
  at: number;
  incident: Incident;
  update: IncidentUpdate;
}

/** A maintenance window that has started. */
export interface MaintenanceEvent {
  /** `<maintenance>-started`: update ids end in a minute, so this one is distinct from them. */
  id: string;
  kind: 'maintenance.started';
  at: number;
  maintenance: Maintenance;
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
  for (const maintenance of site.maintenances) {
    // Started and still running: a window that is already over by the time anyone looks (or that
    // an editor completed early) is not announced as starting.
    if (maintenance.status !== 'in_progress' && maintenance.status !== 'verifying') continue;
    events.push({
      id: `${maintenance.id}-started`,
      kind: 'maintenance.started',
      at: maintenance.scheduledFor,
      maintenance,
    });
  }
  return events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
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
