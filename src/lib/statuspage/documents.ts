/**
 * The files under `/api/v2/`: one builder per file, so that every route is one line. The shapes
 * and the selection of each file follow Statuspage's public API; `incidents/all.json` and
 * `scheduled-maintenances/all.json` add the complete histories that its 50-item lists leave out.
 */
import { isMaintenanceActive } from '../model/maintenance.ts';
import type { SiteModel } from '../model/site.ts';
import type { ApiFile } from '../paths.ts';
import { componentRows } from './component.ts';
import { apiIncident } from './incident.ts';
import { apiMaintenance } from './maintenance.ts';
import { apiContext, apiStatus, type ApiContext } from './page.ts';
import type { ApiComponent, ApiIncident, ApiMaintenance, ApiPage, ApiStatus } from './types.ts';

/** How many incidents or maintenances Statuspage's list endpoints return, newest first. */
export const LIST_LIMIT = 50;

/** `summary.json`: the whole page at a glance. */
export interface ApiSummary {
  page: ApiPage;
  components: ApiComponent[];
  /** Unresolved incidents only. */
  incidents: ApiIncident[];
  /** Maintenance in progress (or verifying), then upcoming, soonest first. */
  scheduled_maintenances: ApiMaintenance[];
  status: ApiStatus;
}

type ApiDocument =
  | ApiSummary
  | { page: ApiPage; status: ApiStatus }
  | { page: ApiPage; components: ApiComponent[] }
  | { page: ApiPage; incidents: ApiIncident[] }
  | { page: ApiPage; scheduled_maintenances: ApiMaintenance[] };

const BUILDERS: Record<ApiFile, (ctx: ApiContext) => ApiDocument> = {
  'summary.json': (ctx) => ({
    page: ctx.page,
    components: componentRows(ctx),
    incidents: ctx.site.activeIncidents.map((i) => apiIncident(ctx, i)),
    scheduled_maintenances: [
      ...ctx.site.activeMaintenances.toReversed(),
      ...ctx.site.upcomingMaintenances,
    ].map((m) => apiMaintenance(ctx, m)),
    status: apiStatus(ctx.site),
  }),
  'status.json': (ctx) => ({ page: ctx.page, status: apiStatus(ctx.site) }),
  'components.json': (ctx) => ({ page: ctx.page, components: componentRows(ctx) }),
  'incidents.json': (ctx) => incidents(ctx, ctx.site.incidents.slice(0, LIST_LIMIT)),
  'incidents/unresolved.json': (ctx) => incidents(ctx, ctx.site.activeIncidents),
  'incidents/all.json': (ctx) => incidents(ctx, ctx.site.incidents),
  'scheduled-maintenances.json': (ctx) =>
    maintenances(ctx, ctx.site.maintenances.slice(0, LIST_LIMIT)),
  'scheduled-maintenances/upcoming.json': (ctx) => maintenances(ctx, ctx.site.upcomingMaintenances),
  'scheduled-maintenances/active.json': (ctx) =>
    maintenances(ctx, ctx.site.maintenances.filter(isMaintenanceActive).toReversed()),
  'scheduled-maintenances/all.json': (ctx) => maintenances(ctx, ctx.site.maintenances),
};

/** The document of one API file. */
export function apiDocument(site: SiteModel, file: ApiFile): ApiDocument {
  return BUILDERS[file](contextOf(site));
}

/** The text of one API file: compact JSON, the same bytes for the same model. */
export function apiJson(site: SiteModel, file: ApiFile): string {
  return JSON.stringify(apiDocument(site, file));
}

function incidents(ctx: ApiContext, list: SiteModel['incidents']): ApiDocument {
  return { page: ctx.page, incidents: list.map((i) => apiIncident(ctx, i)) };
}

function maintenances(ctx: ApiContext, list: SiteModel['maintenances']): ApiDocument {
  return { page: ctx.page, scheduled_maintenances: list.map((m) => apiMaintenance(ctx, m)) };
}

const contexts = new WeakMap<SiteModel, ApiContext>();

/** One context per model, so that component rows are built once for all the files. */
function contextOf(site: SiteModel): ApiContext {
  let ctx = contexts.get(site);
  if (!ctx) {
    ctx = apiContext(site);
    contexts.set(site, ctx);
  }
  return ctx;
}
