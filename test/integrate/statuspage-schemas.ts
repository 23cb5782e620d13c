/**
 * Zod schemas of the `/api/v2/` files, written from docs/integrations.md ("Statuspage JSON shapes")
 * rather than from the code that writes them: strict objects with exactly the fields listed there.
 */
import { z } from 'astro/zod';

/** ISO 8601 in UTC, as every time in the API. */
const time = z.iso.datetime();
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
const componentStatus = z.enum(COMPONENT_STATUSES);

export const pageSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{12}$/),
  name: z.string().min(1),
  url: z.url(),
  time_zone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      // An unknown zone is what this refinement reports.
      return false;
    }
  }, 'an IANA time zone'),
  updated_at: time,
});

export const statusSchema = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  description: z.enum([
    'All Systems Operational',
    'Partially Degraded Service',
    'Partial System Outage',
    'Major System Outage',
    'Service Under Maintenance',
  ]),
});

const rowFields = {
  id,
  name: z.string().min(1),
  status: componentStatus,
  created_at: time,
  updated_at: time,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  page_id: z.string(),
  only_show_if_degraded: z.boolean(),
};

/** A component: `group: false`, `group_id` its group or null. */
export const componentSchema = z.strictObject({
  ...rowFields,
  group_id: id.nullable(),
  group: z.literal(false),
});

/** A group: a component row with `group: true`, `group_id: null` and its children's ids. */
export const groupSchema = z.strictObject({
  ...rowFields,
  group_id: z.null(),
  group: z.literal(true),
  components: z.array(id).min(1),
});

export const componentRowSchema = z.discriminatedUnion('group', [componentSchema, groupSchema]);

const affectedComponentSchema = z.strictObject({
  code: id,
  name: z.string().min(1),
  old_status: componentStatus,
  new_status: componentStatus,
});

function updateSchema<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.strictObject({
    id,
    status: z.enum(statuses),
    body: z.string(),
    incident_id: id,
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: z.array(affectedComponentSchema),
  });
}

const incidentFields = {
  id,
  name: z.string().min(1),
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  shortlink: z.url(),
  started_at: time,
  page_id: z.string(),
  components: z.array(componentSchema),
};

export const incidentSchema = z.strictObject({
  ...incidentFields,
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  incident_updates: z.array(updateSchema(INCIDENT_STATUSES)).min(1),
});

/** A maintenance: an incident plus its window, impact `maintenance`. */
export const maintenanceSchema = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.literal('maintenance'),
  incident_updates: z.array(updateSchema(MAINTENANCE_STATUSES)).min(1),
  scheduled_for: time,
  scheduled_until: time,
});

export const summarySchema = z.strictObject({
  page: pageSchema,
  components: z.array(componentRowSchema),
  incidents: z.array(incidentSchema),
  scheduled_maintenances: z.array(maintenanceSchema),
  status: statusSchema,
});

const incidentsSchema = z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema) });
const maintenancesSchema = z.strictObject({
  page: pageSchema,
  scheduled_maintenances: z.array(maintenanceSchema),
});

/** Every file under `/api/v2/` with its schema. */
export const API_SCHEMAS = {
  'summary.json': summarySchema,
  'status.json': z.strictObject({ page: pageSchema, status: statusSchema }),
  'components.json': z.strictObject({
    page: pageSchema,
    components: z.array(componentRowSchema),
  }),
  'incidents.json': incidentsSchema,
  'incidents/unresolved.json': incidentsSchema,
  'incidents/all.json': incidentsSchema,
  'scheduled-maintenances.json': maintenancesSchema,
  'scheduled-maintenances/upcoming.json': maintenancesSchema,
  'scheduled-maintenances/active.json': maintenancesSchema,
  'scheduled-maintenances/all.json': maintenancesSchema,
} as const;

export type ApiSummary = z.output<typeof summarySchema>;
export type ApiRow = z.output<typeof componentRowSchema>;
export type ApiIncident = z.output<typeof incidentSchema>;
export type ApiMaintenance = z.output<typeof maintenanceSchema>;
