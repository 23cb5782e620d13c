/**
 * A maintenance in Statuspage's shape: an incident with impact `maintenance` and its planned
 * window. The Markdown description travels as the first update (status `scheduled`), as on
 * Statuspage, where the text of a new maintenance is its first update.
 */
import { messages } from '../i18n/messages.ts';
import type { Maintenance } from '../model/maintenance.ts';
import { paths } from '../paths.ts';
import { componentRowsOf } from './component.ts';
import { apiTime, type ApiContext } from './page.ts';
import type { ApiIncidentUpdate, ApiMaintenance } from './types.ts';

/** A maintenance with its updates newest first, the announcement last. */
export function apiMaintenance(ctx: ApiContext, m: Maintenance): ApiMaintenance {
  const announced = announcedAt(m);
  const t = messages(ctx.site.config.site.locale);
  const update = (
    id: string,
    status: ApiIncidentUpdate['status'],
    at: number,
    body: string,
  ): ApiIncidentUpdate => ({
    id,
    status,
    body,
    incident_id: m.id,
    created_at: apiTime(at),
    updated_at: apiTime(at),
    display_at: apiTime(at),
    affected_components: [],
  });
  return {
    id: m.id,
    name: m.title,
    status: m.status,
    created_at: apiTime(announced),
    updated_at: apiTime(maintenanceUpdatedAt(m, ctx.site.now)),
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? apiTime(Math.min(m.endsAt, ctx.site.now)) : null,
    impact: 'maintenance',
    shortlink: ctx.url(paths.maintenance(m.id)),
    started_at: apiTime(m.scheduledFor),
    page_id: ctx.page.id,
    incident_updates: [
      ...m.updates.map((u) => update(u.id, u.status, u.at, u.markdown)),
      // The window opening and closing, as Statuspage posts them itself.
      ...m.clockEvents.map((e) =>
        update(`${m.id}-${e.id}`, e.status, e.at, t.clockEvent[e.status]),
      ),
    ]
      .sort((a, b) => b.display_at.localeCompare(a.display_at))
      .concat(update(announcementId(m), 'scheduled', announced, m.markdown)),
    components: componentRowsOf(ctx, m.components),
    scheduled_for: apiTime(m.scheduledFor),
    scheduled_until: apiTime(m.scheduledUntil),
  };
}

/**
 * When the window was announced (`Maintenance.announcedAt`): its earliest update, else its start,
 * never after now. Later updates never move it, so feed entries keep their dates.
 */
export function announcedAt(m: Maintenance): number {
  return m.announcedAt;
}

/** The id of the announcement, distinct from every update id (those end in a UTC minute). */
export function announcementId(m: Maintenance): string {
  return `${m.id}-scheduled`;
}

/** The latest change: an update, or the clock starting or ending the window. */
export function maintenanceUpdatedAt(m: Maintenance, now: number): number {
  const changes = [announcedAt(m), ...m.updates.map((u) => u.at)];
  if (m.status !== 'scheduled') changes.push(Math.min(now, m.scheduledFor));
  if (m.status === 'completed') changes.push(Math.min(now, m.endsAt));
  return Math.max(...changes);
}
