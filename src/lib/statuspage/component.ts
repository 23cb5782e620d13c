/**
 * Component rows: every group as a row of its own (`group: true`, `group_id: null`, the ids of its
 * `components`) followed by its components (`group_id` set, `position` restarting at 1), and the
 * ungrouped components last, as the home page orders them.
 */
import type { ComponentModel } from '../model/site.ts';
import { apiTime, type ApiContext } from './page.ts';
import type { ApiComponent } from './types.ts';

const computed = new WeakMap<ApiContext, ApiComponent[]>();

/** Every row of `components.json`, in page order (computed once per context). */
export function componentRows(ctx: ApiContext): ApiComponent[] {
  let rows = computed.get(ctx);
  if (!rows) {
    rows = buildRows(ctx);
    computed.set(ctx, rows);
  }
  return rows;
}

/** The rows of some components by id (an incident's or maintenance's), in the order given. */
export function componentRowsOf(ctx: ApiContext, ids: readonly string[]): ApiComponent[] {
  const all = componentRows(ctx);
  return ids
    .map((id) => all.find((row) => row.id === id && !row.group))
    .filter((row): row is ApiComponent => row !== undefined);
}

function buildRows(ctx: ApiContext): ApiComponent[] {
  const rows: ApiComponent[] = [];
  let topLevel = 0;
  for (const g of ctx.site.groups) {
    if (g.group === undefined) {
      for (const c of g.components) rows.push(componentRow(ctx, c, { position: ++topLevel }));
      continue;
    }
    rows.push({
      id: g.group.id,
      name: g.group.name,
      status: g.status,
      created_at: apiTime(Math.min(...g.components.map((c) => c.createdAt))),
      updated_at: apiTime(Math.max(...g.components.map((c) => c.updatedAt))),
      position: ++topLevel,
      description: g.group.description ?? null,
      showcase: true,
      start_date: null,
      group_id: null,
      page_id: ctx.page.id,
      group: true,
      only_show_if_degraded: false,
      components: g.components.map((c) => c.id),
    });
    for (const c of g.components) rows.push(componentRow(ctx, c, { position: c.position }));
  }
  return rows;
}

function componentRow(
  ctx: ApiContext,
  c: ComponentModel,
  { position }: { position: number },
): ApiComponent {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: apiTime(c.createdAt),
    updated_at: apiTime(c.updatedAt),
    position,
    description: c.config.description ?? null,
    showcase: true,
    start_date: c.config.start_date ?? null,
    group_id: c.group?.id ?? null,
    page_id: ctx.page.id,
    group: false,
    only_show_if_degraded: c.config.only_show_if_degraded,
  };
}
