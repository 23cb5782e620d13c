/**
 * Automatic incidents: a confirmed outage writes an incident file (`investigating`, the components
 * and their statuses); a change of the outage before it is over appends an update; confirmed
 * recovery appends a `resolved` update with the duration. The sentences are the site's language's
 * (`i18n/messages.ts`, `incidentText`), in customers' words; what the checks saw ("expected 2xx,
 * got 503") goes into the update's `detail`, for editors, never into the text. Files are edited
 * through the incident document (`content/incident-document.ts`), so whatever an editor wrote
 * stays as it was, and every text is checked with the build's parser before it is written.
 *
 * One outage is one incident. Related components (one group, or one `related` set of the
 * configuration) confirmed down in the same run open one incident together; a related component
 * that goes down while an automatic incident of its family is open joins it, with an update that
 * says so. The incident is resolved when all its components have recovered; one that recovers
 * before the others gets an update of its own. An incident an editor merged into another is
 * followed there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { relatedComponents } from '../config/related.ts';
import { componentIds, type Config } from '../config/schema.ts';
import {
  appendUpdate,
  renderIncident,
  setField,
  type IncidentDocument,
  type IncidentInput,
} from '../content/incident-document.ts';
import {
  editIncidentFile,
  followMerges,
  writeIncidentFile,
  type IncidentFileTarget,
} from '../content/incident-files.ts';
import type { IncidentData, IncidentUpdateData } from '../content/incident-schema.ts';
import { readMarkdownFolder } from '../content/loader.ts';
import { parseIncidentFile } from '../content/parse-entry.ts';
import { createFormatter } from '../i18n/format.ts';
import { fill, messages } from '../i18n/messages.ts';
import { buildIncident } from '../model/incident.ts';
import {
  IMPACTS,
  isResolvedStatus,
  type HealthStatus,
  type Impact,
  type IncidentStatus,
} from '../status.ts';
import { ContentError, displayPath, formatProblem } from '../validation/friendly-errors.ts';
import type { ProbeState, StatusChange } from '../history/state.ts';

/** Which confirmed statuses open an incident, and with what impact. Degraded only shows. */
export const OPENS_INCIDENT = {
  major_outage: 'major',
  partial_outage: 'minor',
} as const satisfies Partial<Record<HealthStatus, Impact>>;

type Opening = keyof typeof OPENS_INCIDENT;

export interface AutoIncidentInput {
  contentDir: string;
  config: Config;
  changes: readonly StatusChange[];
  /** The state after this run; `incident` ids are updated in it. */
  state: ProbeState;
  /** Each component's reason in this run. */
  reasons: ReadonlyMap<string, string | undefined>;
  /** The run's clock, for which incidents are unresolved. */
  now: number;
  /** Dry run: decide, write nothing. */
  dryRun?: boolean;
}

/** What was done, for the run's report. */
export interface AutoIncidentAction {
  kind: 'opened' | 'joined' | 'updated' | 'resolved' | 'skipped';
  /** The component it is about, by id; several (one outage) are joined by ", ". */
  component: string;
  incident: string;
  note?: string;
}

/** Applies confirmed changes to incident files; returns what it did. */
export function applyAutoIncidents(input: AutoIncidentInput): AutoIncidentAction[] {
  if (!input.config.probe.auto_incidents || input.changes.length === 0) return [];
  const ctx = writeContext(input);
  // Incidents an editor merged since the last run: their components are followed where they went.
  for (const entry of Object.values(input.state.components)) {
    if (entry.incident !== undefined) entry.incident = followMerges(ctx.dir, entry.incident);
  }
  const actions: AutoIncidentAction[] = [];
  const recovered = new Map<string, Trouble[]>();
  const fresh: Trouble[] = [];
  for (const change of input.changes) {
    const component = input.config.components.find((c) => c.id === change.component);
    const entry = input.state.components[change.component];
    if (!component || !entry) continue;
    const trouble = { id: component.id, name: component.name, at: change.at };
    const reason = input.reasons.get(change.component);
    const tracked = entry.incident;
    if (change.to === 'operational') {
      if (!tracked) continue;
      delete entry.incident;
      recovered.set(tracked, [
        ...(recovered.get(tracked) ?? []),
        { ...trouble, status: 'major_outage' },
      ]);
      continue;
    }
    if (tracked) {
      actions.push(changeOutage(ctx, tracked, { ...trouble, status: change.to, reason }));
      continue;
    }
    if (opensIncident(change.to)) fresh.push({ ...trouble, status: change.to, reason });
  }
  for (const [id, list] of recovered) {
    const action = recover(ctx, id, list);
    if (action) actions.push(action);
  }
  actions.push(...openOrJoin(ctx, input, fresh));
  return actions;
}

/** What every write needs, made once per run. */
interface WriteContext {
  dir: string;
  components: ReadonlySet<string>;
  dryRun: boolean;
  texts: ReturnType<typeof messages>['incidentText'];
  duration: (ms: number) => string;
  list: (items: readonly string[]) => string;
  /** A component's name by id. */
  name: (id: string) => string;
}

/** A component a change is about, with what the run saw. */
interface Trouble {
  id: string;
  name: string;
  at: number;
  status: Exclude<HealthStatus, 'operational'>;
  reason?: string | undefined;
}

function writeContext(input: AutoIncidentInput): WriteContext {
  const { locale, time_zone: tz } = input.config.site;
  const fmt = createFormatter(locale, tz);
  const names = new Map(input.config.components.map((c) => [c.id, c.name]));
  return {
    dir: join(input.contentDir, 'incidents'),
    components: new Set(names.keys()),
    dryRun: input.dryRun ?? false,
    texts: messages(locale).incidentText,
    duration: (ms) => fmt.duration(ms),
    list: (items) => fmt.list(items),
    name: (id) => names.get(id) ?? id,
  };
}

/**
 * New outages: skipped when an unresolved incident already covers the component; joined to an
 * open automatic incident of the component's family; otherwise opened, one incident per family.
 */
function openOrJoin(
  ctx: WriteContext,
  input: AutoIncidentInput,
  fresh: readonly Trouble[],
): AutoIncidentAction[] {
  if (fresh.length === 0) return [];
  const open = openIncidents(input);
  const family = relatedComponents(input.config);
  const actions: AutoIncidentAction[] = [];
  const joins = new Map<string, Trouble[]>();
  const families = new Map<ReadonlySet<string>, Trouble[]>();
  const add = <K>(map: Map<K, Trouble[]>, key: K, trouble: Trouble): void => {
    map.set(key, [...(map.get(key) ?? []), trouble]);
  };
  for (const trouble of fresh) {
    const covering = open.byComponent.get(trouble.id);
    if (covering?.length) {
      actions.push({
        kind: 'skipped',
        component: trouble.id,
        incident: covering[0]!,
        note: 'an unresolved incident already covers it',
      });
      continue;
    }
    const kin = family.get(trouble.id) ?? new Set([trouble.id]);
    const automatic = [...open.automatic].find(([, ids]) => [...ids].some((id) => kin.has(id)));
    if (automatic) add(joins, automatic[0], trouble);
    else add(families, kin, trouble);
  }
  const order = new Map(input.config.components.map((c, i) => [c.id, i]));
  const byConfig = (list: Trouble[]): Trouble[] =>
    [...list].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  for (const [incident, list] of joins) {
    const action = joinIncident(ctx, incident, byConfig(list));
    if (action.kind === 'joined') track(input.state, list, incident);
    actions.push(action);
  }
  for (const list of families.values()) {
    const action = openIncident(ctx, byConfig(list));
    if (action.kind === 'opened') track(input.state, list, action.incident);
    actions.push(action);
  }
  return actions;
}

/** Opens one incident for an outage of one or more related components. */
function openIncident(ctx: WriteContext, list: readonly Trouble[]): AutoIncidentAction {
  const first = list[0]!;
  const worst: Opening = list.some((t) => t.status === 'major_outage')
    ? 'major_outage'
    : 'partial_outage';
  const at = iso(Math.min(...list.map((t) => t.at)));
  const stamp = at.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const id = freeId(ctx.dir, `auto-${first.id}-${stamp}`);
  const one = list.length === 1;
  const names = ctx.list(list.map((t) => t.name));
  const data: IncidentInput = {
    title: one
      ? fill(ctx.texts.autoTitle[worst], { name: first.name })
      : fill(ctx.texts.autoTitleMany[worst], { names }),
    impact: OPENS_INCIDENT[worst],
    components: Object.fromEntries(list.map((t) => [t.id, t.status])),
    started_at: at,
    source: 'prober',
    updates: [
      {
        at,
        status: 'investigating',
        text: one
          ? fill(ctx.texts.autoOpened[worst], { name: first.name })
          : fill(ctx.texts.autoOpenedMany[worst], { names }),
        ...detailOf(list),
      },
    ],
  };
  return attempt(list, id, 'opened', () => {
    writeIncidentFile(target(ctx, id), renderIncident(data));
    return true;
  });
}

/** Adds related components that went down to an open automatic incident of their family. */
function joinIncident(ctx: WriteContext, id: string, list: readonly Trouble[]): AutoIncidentAction {
  return attempt(list, id, 'joined', () =>
    edit(ctx, id, (doc, current) => {
      appendUpdate(doc, {
        at: iso(Math.max(...list.map((t) => t.at))),
        status: latestStatus(current.updates),
        components: Object.fromEntries(list.map((t) => [t.id, t.status])),
        text: fill(ctx.texts.autoJoined, { names: ctx.list(list.map((t) => t.name)) }),
        ...detailOf(list, true),
      });
      // A worse outage raises the impact an editor or an earlier run set; it never lowers it.
      const impact = list.some((t) => t.status === 'major_outage') ? 'major' : 'minor';
      if (IMPACTS.indexOf(impact) > IMPACTS.indexOf(current.impact)) {
        setField(doc, 'impact', impact);
      }
      return true;
    }),
  );
}

/** Appends an update when a tracked outage changes (partial to major, or back, or to slow). */
function changeOutage(ctx: WriteContext, id: string, trouble: Trouble): AutoIncidentAction {
  return attempt([trouble], id, 'updated', () =>
    edit(ctx, id, (doc, current) => {
      // The status an editor set stays (identified, monitoring…); a resolved incident reopens.
      const last = latestStatus(current.updates);
      appendUpdate(doc, {
        at: iso(trouble.at),
        status: isResolvedStatus(last) ? 'investigating' : last,
        components: { [trouble.id]: trouble.status },
        text: fill(ctx.texts.autoChanged[trouble.status], { name: trouble.name }),
        ...detailOf([trouble], currentStatuses(current).size > 1),
      });
      return true;
    }),
  );
}

/**
 * Confirmed recovery of some of an incident's components. When every component the incident
 * affects is operational again, it is resolved (unless an editor resolved it already); otherwise
 * an update says which recovered, and sets them operational.
 */
function recover(
  ctx: WriteContext,
  id: string,
  list: readonly Trouble[],
): AutoIncidentAction | undefined {
  let already = false;
  let kind: 'updated' | 'resolved' = 'resolved';
  const action = attempt(list, id, 'resolved', () =>
    edit(ctx, id, (doc, current) => {
      already = isResolvedStatus(latestStatus(current.updates));
      if (already) return false;
      const at = Math.max(...list.map((t) => t.at));
      const statuses = currentStatuses(current);
      for (const t of list) statuses.set(t.id, 'operational');
      const still = [...statuses].filter(([, status]) => status !== 'operational');
      if (still.length) {
        kind = 'updated';
        appendUpdate(doc, {
          at: iso(at),
          status: latestStatus(current.updates),
          components: Object.fromEntries(list.map((t) => [t.id, 'operational'])),
          text: fill(ctx.texts.autoRecoveredPart, { names: ctx.list(list.map((t) => t.name)) }),
        });
        return true;
      }
      const first = Math.min(...current.updates.map((u) => Date.parse(u.at)));
      const since = current.started_at ? Date.parse(current.started_at) : first;
      const duration = ctx.duration(at - since);
      const all = [...statuses.keys()];
      const text =
        all.length === 1
          ? fill(ctx.texts.autoRecovered, { name: ctx.name(all[0]!), duration })
          : fill(ctx.texts.autoRecoveredMany, { names: ctx.list(all.map(ctx.name)), duration });
      appendUpdate(doc, { at: iso(at), status: 'resolved', text });
      return true;
    }),
  );
  if (already) return undefined;
  return action.kind === 'resolved' ? { ...action, kind } : action;
}

/** Edits a tracked incident's file; false when the file is gone. */
function edit(
  ctx: WriteContext,
  id: string,
  change: (doc: IncidentDocument, current: IncidentData) => boolean,
): boolean {
  const where = target(ctx, id);
  if (!existsSync(where.path)) return false;
  editIncidentFile({ ...where, edit: (doc, current) => change(doc, current.data) });
  return true;
}

/** Runs a write; a file that is gone or that the build would reject skips the action, with why. */
function attempt(
  list: readonly Trouble[],
  incident: string,
  kind: Exclude<AutoIncidentAction['kind'], 'skipped'>,
  write: () => boolean,
): AutoIncidentAction {
  const component = list.map((t) => t.id).join(', ');
  try {
    if (write()) return { kind, component, incident };
    return { kind: 'skipped', component, incident, note: 'incident file is gone' };
  } catch (error) {
    const note =
      error instanceof ContentError
        ? `its file is not valid, so it was left as it is:\n${error.problems.map(formatProblem).join('\n')}`
        : `cannot write its file: ${(error as Error).message}`;
    return { kind: 'skipped', component, incident, note };
  }
}

/** Notes in the state which incident each component's outage belongs to. */
function track(state: ProbeState, list: readonly Trouble[], incident: string): void {
  for (const t of list) {
    const entry = state.components[t.id];
    if (entry) entry.incident = incident;
  }
}

/** An incident's file, as the content module's writers take it. */
function target(ctx: WriteContext, id: string): IncidentFileTarget {
  const path = join(ctx.dir, `${id}.md`);
  return { path, file: displayPath(path), components: ctx.components, dryRun: ctx.dryRun };
}

/** The status of the latest update by time (the last written, among equal times). */
function latestStatus(updates: readonly IncidentUpdateData[]): IncidentStatus {
  let latest = updates[0]!;
  for (const u of updates) if (Date.parse(u.at) >= Date.parse(latest.at)) latest = u;
  return latest.status;
}

/** The status the incident sets for each of its components after all its updates. */
function currentStatuses(data: IncidentData): Map<string, HealthStatus> {
  const statuses = new Map(Object.entries(data.components));
  const timeline = data.updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) => Date.parse(a.u.at) - Date.parse(b.u.at) || a.i - b.i);
  for (const { u } of timeline) {
    for (const [id, status] of Object.entries(u.components ?? {})) statuses.set(id, status);
  }
  return statuses;
}

function opensIncident(status: HealthStatus): status is Opening {
  return status in OPENS_INCIDENT;
}

/**
 * The unresolved incidents, from the files: which cover each component, and which are automatic
 * (opened by the prober, or tracked by it after an editor merged its incident into another) with
 * the components each names.
 */
function openIncidents(input: AutoIncidentInput): {
  byComponent: Map<string, string[]>;
  automatic: Map<string, Set<string>>;
} {
  const entries = readMarkdownFolder({
    root: input.contentDir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: componentIds(input.config),
  });
  const tracked = new Set(
    Object.values(input.state.components).flatMap((e) => (e.incident ? [e.incident] : [])),
  );
  const byComponent = new Map<string, string[]>();
  const automatic = new Map<string, Set<string>>();
  const ctx = { now: input.now, render: (s: string) => s };
  for (const [id, entry] of entries) {
    const incident = buildIncident(id, entry, ctx);
    if (!incident || incident.resolvedAt !== null) continue;
    const ids = incident.components
      .map((c) => c.id)
      .filter((c) => input.config.components.some((x) => x.id === c));
    for (const c of ids) byComponent.set(c, [...(byComponent.get(c) ?? []), id]);
    if (entry.data.source === 'prober' || tracked.has(id)) automatic.set(id, new Set(ids));
  }
  return { byComponent, automatic };
}

function freeId(dir: string, id: string): string {
  let candidate = id;
  for (let n = 2; existsSync(join(dir, `${candidate}.md`)); n++) candidate = `${id}-${n}`;
  return candidate;
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/**
 * The checks' reasons as an update's technical detail, when there are any: a lone component's as
 * it is, in an incident of several each named ("WhatsApp: expected 2xx, got 503; Instagram:
 * timeout after 10 s").
 */
function detailOf(list: readonly Trouble[], named = list.length > 1): { detail?: string } {
  const reasons = list.flatMap((t) => {
    const reason = t.reason?.trim();
    return reason ? [{ name: t.name, reason }] : [];
  });
  if (reasons.length === 0) return {};
  if (!named) return { detail: reasons[0]!.reason };
  return { detail: reasons.map((r) => `${r.name}: ${r.reason}`).join('; ') };
}
