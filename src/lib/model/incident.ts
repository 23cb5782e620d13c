/**
 * An incident as the site shows it: its lifecycle read by the clock from the timeline of updates,
 * and the statuses it sets for its components over time.
 */
import { paths } from '../paths.ts';
import type { Entry } from '../content/parse-entry.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { toEpoch } from '../content/timestamp.ts';
import {
  isResolvedStatus,
  type HealthStatus,
  type Impact,
  type IncidentStatus,
} from '../status.ts';
import type { Segment } from '../timeline.ts';
import { updateId } from './ids.ts';

/** A component change carried by an update (Statuspage's affected_components). */
export interface ComponentChange {
  id: string;
  oldStatus: HealthStatus;
  newStatus: HealthStatus;
}

/** One published update. */
export interface IncidentUpdate {
  /** Stable id: the incident id and the update's UTC minute. */
  id: string;
  at: number;
  status: IncidentStatus;
  /** Sanitized HTML of the Markdown text. */
  html: string;
  /** The Markdown text. */
  markdown: string;
  /** Technical detail in plain text, shown collapsed on the incident page only; null if none. */
  detail: string | null;
  changes: ComponentChange[];
  /** The incident it was first published on, when a merge brought it here; null otherwise. */
  mergedFrom: string | null;
}

/** An incident with everything derived from its file. */
export interface Incident {
  id: string;
  title: string;
  impact: Impact;
  status: IncidentStatus;
  /** When the problem began: `started_at`, or the first update. */
  startedAt: number;
  /** The first update. */
  createdAt: number;
  /** The latest update. */
  updatedAt: number;
  monitoringAt: number | null;
  /** Set while the incident is resolved. */
  resolvedAt: number | null;
  /** Newest first. */
  updates: IncidentUpdate[];
  /** Affected component ids with the status the incident set last for each. */
  components: { id: string; status: HealthStatus }[];
  /** Statuses set per component, as segments ending at resolution (or at `now`). */
  segments: Map<string, Segment[]>;
  /** Sanitized HTML of the postmortem, if any. */
  postmortemHtml: string;
  source: IncidentData['source'];
  githubIssue: number | null;
}

/** Inputs the incident builder needs, passed in. */
export interface IncidentContext {
  now: number;
  /** Markdown to sanitized HTML, relative links resolved against a site path (`incidents/x/`). */
  render: (markdown: string, page: string) => string;
}

/**
 * Builds an incident from its file, or undefined when none of its updates is published yet
 * (updates dated after `now` are not shown until their time comes) or when it was merged into
 * another. A `resolved` update closes every component's segment; a later unresolved update
 * reopens them. An update a merge brought in keeps the id it was published with. Long because the
 * timeline is walked once, in order, and each update changes the statuses, segments and times
 * that the ones after it read.
 */
export function buildIncident(
  id: string,
  entry: Entry<IncidentData>,
  ctx: IncidentContext,
): Incident | undefined {
  const { data } = entry;
  if (data.merged_into !== undefined) return undefined;
  const timeline = data.updates
    .map((u, order) => ({ ...u, time: toEpoch(u.at), order }))
    .filter((u) => u.time <= ctx.now)
    .sort((a, b) => a.time - b.time || a.order - b.order);
  const first = timeline[0];
  const last = timeline.at(-1);
  if (!first || !last) return undefined;

  const startedAt = Math.min(data.started_at ? toEpoch(data.started_at) : first.time, first.time);
  const current = new Map<string, HealthStatus>(Object.entries(data.components));
  const segments = new Map<string, Segment[]>();
  const open = new Map<string, Segment>();
  const close = (cid: string, at: number): void => {
    const seg = open.get(cid);
    if (seg && at > seg.start) push(segments, cid, { ...seg, end: at });
    open.delete(cid);
  };
  const openAll = (at: number): void => {
    for (const [cid, status] of current) open.set(cid, { start: at, end: at, status });
  };

  let resolved = false;
  let monitoringAt: number | null = null;
  let resolvedAt: number | null = null;
  const updates: IncidentUpdate[] = [];
  openAll(startedAt);
  for (const u of timeline) {
    const changes: ComponentChange[] = [];
    for (const [cid, status] of Object.entries(u.components ?? {})) {
      const old = current.get(cid) ?? 'operational';
      if (old !== status) changes.push({ id: cid, oldStatus: old, newStatus: status });
      current.set(cid, status);
      if (!resolved) {
        close(cid, u.time);
        open.set(cid, { start: u.time, end: u.time, status });
      }
    }
    const nowResolved = isResolvedStatus(u.status);
    if (nowResolved && !resolved) {
      for (const cid of [...open.keys()]) close(cid, u.time);
      resolvedAt = u.time;
      for (const [cid, status] of current) {
        if (!changes.some((c) => c.id === cid)) {
          changes.push({ id: cid, oldStatus: status, newStatus: 'operational' });
        }
      }
    } else if (!nowResolved && resolved) {
      openAll(u.time);
      resolvedAt = null;
    }
    resolved = nowResolved;
    if (u.status === 'monitoring' && monitoringAt === null) monitoringAt = u.time;
    updates.push({
      id: updateId(u.merged_from ?? id, u.time),
      at: u.time,
      status: u.status,
      html: ctx.render(u.text, paths.incident(id)),
      markdown: u.text,
      detail: u.detail ?? null,
      changes,
      mergedFrom: u.merged_from ?? null,
    });
  }
  for (const cid of [...open.keys()]) close(cid, ctx.now);

  return {
    id,
    title: data.title,
    impact: data.impact,
    status: last.status,
    startedAt,
    createdAt: first.time,
    updatedAt: last.time,
    monitoringAt,
    resolvedAt,
    updates: uniqueIds(updates).reverse(),
    components: [...current].map(([cid, status]) => ({ id: cid, status })),
    segments,
    postmortemHtml: ctx.render(entry.body, paths.incident(id)),
    source: data.source,
    githubIssue: data.github_issue ?? null,
  };
}

/** Whether the incident still sets component statuses. */
export function isActive(incident: Incident): boolean {
  return incident.resolvedAt === null;
}

/** How long the incident lasted, or has lasted so far. */
export function incidentDuration(incident: Incident, now: number): number {
  return (incident.resolvedAt ?? now) - incident.startedAt;
}

function push(map: Map<string, Segment[]>, key: string, seg: Segment): void {
  const list = map.get(key);
  if (list) list.push(seg);
  else map.set(key, [seg]);
}

/** Two updates in the same minute get `-2`, `-3`… so that ids stay unique and stable. */
export function uniqueIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  for (const item of items) {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    if (n > 1) item.id = `${item.id}-${n}`;
  }
  return items;
}
