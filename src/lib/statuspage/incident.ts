/** An incident and its updates in Statuspage's shape. */
import type { Incident, IncidentUpdate } from '../model/incident.ts';
import { paths } from '../paths.ts';
import { componentRowsOf } from './component.ts';
import { apiTime, type ApiContext } from './page.ts';
import type { ApiIncident, ApiIncidentUpdate } from './types.ts';

/** An incident with its updates newest first and its affected components. */
export function apiIncident(ctx: ApiContext, incident: Incident): ApiIncident {
  return {
    id: incident.id,
    name: incident.title,
    status: incident.status,
    created_at: apiTime(incident.createdAt),
    updated_at: apiTime(incident.updatedAt),
    monitoring_at: incident.monitoringAt === null ? null : apiTime(incident.monitoringAt),
    resolved_at: incident.resolvedAt === null ? null : apiTime(incident.resolvedAt),
    impact: incident.impact,
    // Statuspage's shortlink is a short URL to the incident; ours is its permalink.
    shortlink: ctx.url(paths.incident(incident.id)),
    started_at: apiTime(incident.startedAt),
    page_id: ctx.page.id,
    incident_updates: incident.updates.map((u) => apiIncidentUpdate(ctx, incident.id, u)),
    components: componentRowsOf(
      ctx,
      incident.components.map((c) => c.id),
    ),
  };
}

/** One update; `affected_components` lists the statuses it changed (empty when none). */
export function apiIncidentUpdate(
  ctx: ApiContext,
  incidentId: string,
  update: IncidentUpdate,
): ApiIncidentUpdate {
  const at = apiTime(update.at);
  return {
    id: update.id,
    status: update.status,
    body: update.markdown,
    incident_id: incidentId,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: update.changes.map((change) => ({
      code: change.id,
      name: ctx.site.components.find((c) => c.id === change.id)?.name ?? change.id,
      old_status: change.oldStatus,
      new_status: change.newStatus,
    })),
  };
}
