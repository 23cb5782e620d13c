/**
 * Automatic incidents: a confirmed outage writes an incident file (`investigating`, the component
 * and its status); a change of the outage before it is over appends an update; confirmed recovery
 * appends a `resolved` update with the duration. The sentences are the site's language's
 * (`i18n/messages.ts`, `incidentText`), in customers' words; what the checks saw ("expected 2xx,
 * got 503") goes into the update's `detail`, for editors, never into the text. Files are edited
 * through the incident document (`content/incident-document.ts`), so whatever an editor wrote
 * stays as it was, and every text is checked with the build's parser before it is written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { componentIds, type Config } from '../config/schema.ts';
import {
  appendUpdate,
  renderIncident,
  type IncidentDocument,
  type IncidentInput,
} from '../content/incident-document.ts';
import {
  editIncidentFile,
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
  kind: 'opened' | 'updated' | 'resolved' | 'skipped';
  component: string;
  incident: string;
  note?: string;
}

/** Applies confirmed changes to incident files; returns what it did. */
export function applyAutoIncidents(input: AutoIncidentInput): AutoIncidentAction[] {
  if (!input.config.probe.auto_incidents || input.changes.length === 0) return [];
  const { locale, time_zone: tz } = input.config.site;
  const fmt = createFormatter(locale, tz);
  const ctx: WriteContext = {
    dir: join(input.contentDir, 'incidents'),
    components: new Set(input.config.components.map((c) => c.id)),
    dryRun: input.dryRun ?? false,
    texts: messages(locale).incidentText,
    duration: (ms) => fmt.duration(ms),
  };
  const actions: AutoIncidentAction[] = [];
  let unresolved: Map<string, string[]> | undefined;
  const openFor = (component: string): string[] => {
    unresolved ??= unresolvedByComponent(input.contentDir, input.config, input.now);
    return unresolved.get(component) ?? [];
  };
  for (const change of input.changes) {
    const component = input.config.components.find((c) => c.id === change.component);
    const entry = input.state.components[change.component];
    if (!component || !entry) continue;
    const reason = input.reasons.get(change.component);
    const tracked = entry.incident;
    const about = { id: component.id, name: component.name };
    if (change.to === 'operational') {
      if (!tracked) continue;
      delete entry.incident;
      const action = resolve(ctx, tracked, about, change.at);
      if (action) actions.push(action);
      continue;
    }
    if (tracked) {
      actions.push(changeOutage(ctx, tracked, about, { ...change, to: change.to }, reason));
      continue;
    }
    if (!opensIncident(change.to)) continue;
    const already = openFor(component.id);
    if (already.length) {
      actions.push({
        kind: 'skipped',
        component: component.id,
        incident: already[0]!,
        note: 'an unresolved incident already covers it',
      });
      continue;
    }
    const action = open(ctx, about, { ...change, to: change.to }, reason);
    if (action.kind === 'opened') entry.incident = action.incident;
    actions.push(action);
  }
  return actions;
}

/** What every write needs, made once per run. */
interface WriteContext {
  dir: string;
  components: ReadonlySet<string>;
  dryRun: boolean;
  texts: ReturnType<typeof messages>['incidentText'];
  duration: (ms: number) => string;
}

/** The component an action is about. */
interface About {
  id: string;
  name: string;
}

/** Opens an incident for a confirmed outage. */
function open(
  ctx: WriteContext,
  about: About,
  change: StatusChange & { to: keyof typeof OPENS_INCIDENT },
  reason: string | undefined,
): AutoIncidentAction {
  const at = iso(change.at);
  const id = freeId(
    ctx.dir,
    `auto-${about.id}-${at.slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`,
  );
  const data: IncidentInput = {
    title: fill(ctx.texts.autoTitle[change.to], { name: about.name }),
    impact: OPENS_INCIDENT[change.to],
    components: { [about.id]: change.to },
    started_at: at,
    source: 'prober',
    updates: [
      {
        at,
        status: 'investigating',
        text: fill(ctx.texts.autoOpened[change.to], { name: about.name }),
        ...detailOf(reason),
      },
    ],
  };
  return attempt(about, id, 'opened', () => {
    writeIncidentFile(target(ctx, id), renderIncident(data));
    return true;
  });
}

/** Appends an update when a tracked outage changes (partial to major, or back, or to slow). */
function changeOutage(
  ctx: WriteContext,
  id: string,
  about: About,
  change: StatusChange & { to: Exclude<HealthStatus, 'operational'> },
  reason: string | undefined,
): AutoIncidentAction {
  return attempt(about, id, 'updated', () =>
    edit(ctx, id, (doc, current) => {
      // The status an editor set stays (identified, monitoring…); a resolved incident reopens.
      const last = latestStatus(current.updates);
      appendUpdate(doc, {
        at: iso(change.at),
        status: isResolvedStatus(last) ? 'investigating' : last,
        components: { [about.id]: change.to },
        text: fill(ctx.texts.autoChanged[change.to], { name: about.name }),
        ...detailOf(reason),
      });
      return true;
    }),
  );
}

/** Appends `resolved` on confirmed recovery, unless an editor resolved the incident already. */
function resolve(
  ctx: WriteContext,
  id: string,
  about: About,
  at: number,
): AutoIncidentAction | undefined {
  let already = false;
  const action = attempt(about, id, 'resolved', () =>
    edit(ctx, id, (doc, current) => {
      already = isResolvedStatus(latestStatus(current.updates));
      if (already) return false;
      const first = Math.min(...current.updates.map((u) => Date.parse(u.at)));
      const since = current.started_at ? Date.parse(current.started_at) : first;
      const text = fill(ctx.texts.autoRecovered, {
        name: about.name,
        duration: ctx.duration(at - since),
      });
      appendUpdate(doc, { at: iso(at), status: 'resolved', text });
      return true;
    }),
  );
  return already ? undefined : action;
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
  about: About,
  incident: string,
  kind: 'opened' | 'updated' | 'resolved',
  write: () => boolean,
): AutoIncidentAction {
  try {
    if (write()) return { kind, component: about.id, incident };
    return { kind: 'skipped', component: about.id, incident, note: 'incident file is gone' };
  } catch (error) {
    const note =
      error instanceof ContentError
        ? `its file is not valid, so it was left as it is:\n${error.problems.map(formatProblem).join('\n')}`
        : `cannot write its file: ${(error as Error).message}`;
    return { kind: 'skipped', component: about.id, incident, note };
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

function opensIncident(status: HealthStatus): status is keyof typeof OPENS_INCIDENT {
  return status in OPENS_INCIDENT;
}

/** Ids of unresolved incidents per affected component, from the incident files. */
function unresolvedByComponent(
  contentDir: string,
  config: Config,
  now: number,
): Map<string, string[]> {
  const entries = readMarkdownFolder({
    root: contentDir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: componentIds(config),
  });
  const out = new Map<string, string[]>();
  const ctx = { now, render: (s: string) => s };
  for (const [id, entry] of entries) {
    const incident = buildIncident(id, entry, ctx);
    if (!incident || incident.resolvedAt !== null) continue;
    for (const c of incident.components) {
      if (!config.components.some((x) => x.id === c.id)) continue;
      out.set(c.id, [...(out.get(c.id) ?? []), id]);
    }
  }
  return out;
}

function freeId(dir: string, id: string): string {
  let candidate = id;
  for (let n = 2; existsSync(join(dir, `${candidate}.md`)); n++) candidate = `${id}-${n}`;
  return candidate;
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** The check's reason as an update's technical detail, when there is one. */
function detailOf(reason: string | undefined): { detail?: string } {
  const detail = reason?.trim();
  return detail ? { detail } : {};
}
