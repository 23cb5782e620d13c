/**
 * The whole site as data: every component's current status and uptime, incidents, maintenance,
 * the page indicator and the channel notice. Pure: content, history and the clock are passed in,
 * and pages, feeds, the API and images all read this one model.
 */
import type { ChannelConfig, ComponentConfig, Config, GroupConfig } from '../config/schema.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import type { MaintenanceData } from '../content/maintenance-schema.ts';
import type { Entry } from '../content/parse-entry.ts';
import type { ComponentHistory, History } from '../history/read.ts';
import {
  componentStatus,
  pageIndicator,
  statusRank,
  worstComponentStatus,
  type ComponentStatus,
  type HealthStatus,
  type Indicator,
} from '../status.ts';
import { HOUR, lastLocalDays, startOfLocalDay, type DaySpan } from '../time.ts';
import { dailyMinutes, type Segment, type Span } from '../timeline.ts';
import { NO_MINUTES, sumMinutes, uptime, type Minutes } from '../uptime.ts';
import { freshness, isStale, staleAfterMs, type Freshness } from './freshness.ts';
import { buildIncident, isActive, type Incident } from './incident.ts';
import { buildMaintenance, isMaintenanceActive, type Maintenance } from './maintenance.ts';

/** Days in the uptime bar. */
export const BAR_DAYS = 90;

/** The worst thing seen on a day, for its colour, icon and words. */
export type DayLevel = 'nodata' | 'operational' | 'degraded' | 'partial' | 'major' | 'maintenance';

/** One day of a component's uptime bar. */
export interface ComponentDay {
  date: string;
  minutes: Minutes;
  uptime: number | null;
  level: DayLevel;
  /** Incidents that touched the component on that day. */
  incidents: { id: string; title: string }[];
}

/** A component with everything the site shows of it. */
export interface ComponentModel {
  config: ComponentConfig;
  id: string;
  name: string;
  group: GroupConfig | undefined;
  /** 1-based, restarting inside each group (Statuspage's `position`). */
  position: number;
  status: ComponentStatus;
  /** The confirmed probe status the prober recorded, if it has checks and a record. */
  probeStatus: HealthStatus | undefined;
  hasChecks: boolean;
  /** Latest sample: time, response time, reason. */
  lastCheck: { at: number; ms: number | null; reason?: string | undefined } | undefined;
  /** No sample for longer than the policy allows (freshness.ts), although it has checks. */
  stale: boolean;
  /** The last 90 local days, oldest first. */
  days: ComponentDay[];
  uptime: { h24: number | null; d7: number | null; d30: number | null; d90: number | null };
  /** Mean response time per hour over the last 24 h: `[hourStart, ms]`. */
  responseTimes: [number, number][];
  /** Incidents that set a status for it, newest first. */
  incidents: Incident[];
  /** When it began to be reported on. */
  createdAt: number;
  /** The latest change known: its newest sample, incident update or maintenance change. */
  updatedAt: number;
}

/** Components of one group, or the ungrouped ones (`group` undefined). */
export interface GroupModel {
  group: GroupConfig | undefined;
  components: ComponentModel[];
  /** Worst status among its components. */
  status: ComponentStatus;
  /** The group's 90 days: its components' minutes added up, the worst level, all incidents. */
  days: ComponentDay[];
  /** Uptime of the group's components together over the 90 days. */
  uptime90: number | null;
}

/** The channel box: a contact channel is affected, here is how to reach the business instead. */
export interface ChannelNotice {
  affected: { channel: ChannelConfig; status: ComponentStatus }[];
  alternatives: ChannelConfig[];
}

export interface SiteModel {
  config: Config;
  now: number;
  indicator: Indicator;
  components: ComponentModel[];
  groups: GroupModel[];
  /** Newest first by start. */
  incidents: Incident[];
  activeIncidents: Incident[];
  /** Incidents merged into others: listed nowhere, their pages lead to the one they joined. */
  merged: MergedIncident[];
  /** Newest first by start. */
  maintenances: Maintenance[];
  activeMaintenances: Maintenance[];
  /** Scheduled, soonest first. */
  upcomingMaintenances: Maintenance[];
  channelNotice: ChannelNotice | undefined;
  lastChecked: number | undefined;
  /** Whether the checks keep the page current, or have stopped since `lastChecked`. */
  freshness: Freshness;
  /**
   * The newest change of anything on the page: its newest sample, incident update or maintenance
   * change, never later than now. Never the build time by itself: a rebuild with nothing new does
   * not make old data fresh.
   */
  updatedAt: number;
  /** Problems found in the history that were skipped. */
  warnings: string[];
}

/** An incident merged into another: its permalink leads to `into` (the end of any chain). */
export interface MergedIncident {
  id: string;
  title: string;
  into: string;
}

export interface SiteInput {
  config: Config;
  now: number;
  incidents: ReadonlyMap<string, Entry<IncidentData>>;
  maintenances: ReadonlyMap<string, Entry<MaintenanceData>>;
  history: History;
  /** Markdown to sanitized HTML. */
  render: (markdown: string) => string;
}

/** Builds the site model. */
export function buildSite(input: SiteInput): SiteModel {
  const { config, now } = input;
  const tz = config.site.time_zone;
  const ctx = { now, render: input.render };
  const incidents = [...input.incidents]
    .map(([id, entry]) => buildIncident(id, entry, ctx))
    .filter((i): i is Incident => i !== undefined)
    .sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
  const merged = mergedIncidents(input.incidents, new Set(incidents.map((i) => i.id)));
  const maintenances = [...input.maintenances]
    .map(([id, entry]) => buildMaintenance(id, entry, ctx))
    .sort((a, b) => b.scheduledFor - a.scheduledFor || a.id.localeCompare(b.id));
  const activeMaintenances = maintenances.filter(isMaintenanceActive);
  const activeIncidents = incidents.filter(isActive);

  const days = lastLocalDays(now, BAR_DAYS, tz);
  const positions = new Map<string | undefined, number>();
  const components = config.components.map((c) => {
    const position = (positions.get(c.group) ?? 0) + 1;
    positions.set(c.group, position);
    return buildComponent({
      config: c,
      group: config.groups.find((g) => g.id === c.group),
      position,
      site: input,
      history: input.history.components.get(c.id),
      incidents: incidents.filter(
        (i) => i.segments.has(c.id) || i.components.some((x) => x.id === c.id),
      ),
      maintenances: maintenances.filter((m) => m.components.includes(c.id)),
      days,
    });
  });

  const groups: GroupModel[] = [];
  for (const g of [undefined, ...config.groups]) {
    const members = components.filter((c) => c.group?.id === g?.id);
    if (members.length === 0) continue;
    const days = groupDays(members, config.probe.count_maintenance_as_up);
    groups.push({
      group: g,
      components: members,
      status: worstComponentStatus(members.map((c) => c.status)),
      days,
      uptime90: uptime(sumMinutes(days.map((d) => d.minutes)), {
        countMaintenance: config.probe.count_maintenance_as_up,
      }),
    });
  }
  // Ungrouped components come after the groups, as on Statuspage pages.
  if (groups[0] && groups[0].group === undefined) groups.push(groups.shift()!);

  const indicator = pageIndicator(
    components.map((c) => c.status),
    activeIncidents.map((i) => i.impact),
  );
  // Never later than now: an upcoming maintenance's start is no change yet.
  const updatedAt = Math.min(
    now,
    Math.max(
      0,
      input.history.lastChecked ?? 0,
      ...incidents.map((i) => i.updatedAt),
      ...maintenances.map((m) =>
        m.status === 'scheduled'
          ? m.updatedAt
          : Math.min(now, m.status === 'completed' ? m.endsAt : m.scheduledFor),
      ),
    ),
  );

  return {
    config,
    now,
    indicator,
    components,
    groups,
    incidents,
    activeIncidents,
    merged,
    maintenances,
    activeMaintenances,
    upcomingMaintenances: maintenances.filter((m) => m.status === 'scheduled').reverse(),
    channelNotice: channelNotice(config.channels, components),
    lastChecked: input.history.lastChecked,
    freshness: freshness({
      lastSample: input.history.lastChecked,
      now,
      policy: config.probe,
      hasChecks: components.some((c) => c.hasChecks),
    }),
    updatedAt,
    warnings: input.history.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
  };
}

/** Merged incidents whose chain of `merged_into` ends at a published incident. */
function mergedIncidents(
  entries: ReadonlyMap<string, Entry<IncidentData>>,
  published: ReadonlySet<string>,
): MergedIncident[] {
  const out: MergedIncident[] = [];
  for (const [id, entry] of entries) {
    let into = entry.data.merged_into;
    // A chain (a merged into b, b later into c) leads to its end; a loop leads nowhere.
    for (let hops = 0; into !== undefined && !published.has(into) && hops < entries.size; hops++) {
      into = entries.get(into)?.data.merged_into;
    }
    if (into !== undefined && published.has(into)) out.push({ id, title: entry.data.title, into });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

interface ComponentInput {
  config: ComponentConfig;
  group: GroupConfig | undefined;
  position: number;
  site: SiteInput;
  history: ComponentHistory | undefined;
  incidents: Incident[];
  maintenances: Maintenance[];
  days: DaySpan[];
}

function buildComponent(input: ComponentInput): ComponentModel {
  const { config: c, site, history } = input;
  const { now } = site;
  const policy = site.config.probe;
  const tz = site.config.site.time_zone;
  const hasChecks = c.checks.length > 0;

  const incidentSegments: Segment[] = input.incidents.flatMap((i) => i.segments.get(c.id) ?? []);
  const maintenanceSpans: Span[] = input.maintenances
    .filter((m) => m.status !== 'scheduled')
    .map((m) => ({ start: m.scheduledFor, end: Math.min(m.endsAt, now) }));
  const firstRollup = [...(history?.rollups.keys() ?? [])].sort()[0];
  const firstKnown = Math.min(
    history?.segments[0]?.start ?? Infinity,
    firstRollup ? startOfLocalDay(firstRollup, tz) : Infinity,
    ...incidentSegments.map((s) => s.start),
  );
  const createdAt = c.start_date
    ? startOfLocalDay(c.start_date, tz)
    : Number.isFinite(firstKnown)
      ? firstKnown
      : now;
  const timelineInput = {
    probe: history?.segments ?? [],
    incidents: incidentSegments,
    maintenance: maintenanceSpans,
    rollups: history?.rollups ?? new Map(),
    // Without checks, editors' incidents are the record: everything since the start is observed.
    observedFrom: hasChecks ? undefined : createdAt,
  };
  const perDay = dailyMinutes(timelineInput, input.days, now);
  const countMaintenance = { countMaintenance: policy.count_maintenance_as_up };
  const days: ComponentDay[] = input.days.map((d) => {
    const minutes = perDay.get(d.date)!;
    // Nothing is known of the days before the component was reported on.
    const m = d.end <= createdAt ? { ...NO_MINUTES } : minutes;
    return {
      date: d.date,
      minutes: m,
      uptime: uptime(m, countMaintenance),
      level: dayLevel(m),
      incidents: input.incidents
        .filter((i) => (i.segments.get(c.id) ?? []).some((s) => s.start < d.end && s.end > d.start))
        .map((i) => ({ id: i.id, title: i.title })),
    };
  });
  const period = (n: number): number | null =>
    uptime(sumMinutes(days.slice(-n).map((d) => d.minutes)), countMaintenance);
  const last24 = dailyMinutes(
    timelineInput,
    [{ date: '', start: now - 24 * HOUR, end: now }],
    now,
  ).get('')!;

  // The prober's decision, as it recorded it: the samples behind the bars are not read again.
  const probeStatus = hasChecks ? history?.confirmed?.status : undefined;
  const last = history?.last;
  const status = componentStatus({
    inMaintenance: input.maintenances.some(isMaintenanceActive),
    probe: probeStatus,
    incidents: input.incidents
      .filter(isActive)
      .map((i) => i.components.find((x) => x.id === c.id)?.status)
      .filter((s): s is HealthStatus => s !== undefined),
  });

  return {
    config: c,
    id: c.id,
    name: c.name,
    group: input.group,
    position: input.position,
    status,
    probeStatus,
    hasChecks,
    lastCheck: last ? { at: last.at, ms: last.ms, reason: last.reason } : undefined,
    stale: hasChecks && (!last || isStale(last.at, now, staleAfterMs(policy))),
    days,
    uptime: {
      h24: uptime(last24, countMaintenance),
      d7: period(7),
      d30: period(30),
      d90: period(90),
    },
    responseTimes: (history?.hourlyMs ?? []).filter(([h]) => h >= now - 24 * HOUR),
    incidents: input.incidents,
    createdAt,
    updatedAt: Math.max(
      createdAt,
      last?.at ?? 0,
      ...input.incidents.map((i) => i.updatedAt),
      ...input.maintenances
        .filter((m) => m.status !== 'scheduled')
        .map((m) => Math.min(now, m.status === 'completed' ? m.endsAt : m.scheduledFor)),
    ),
  };
}

/** A group's days: minutes summed over its components, so its uptime weighs each by observed time. */
export function groupDays(
  members: readonly Pick<ComponentModel, 'days'>[],
  countMaintenance: boolean,
): ComponentDay[] {
  const first = members[0];
  if (!first) return [];
  return first.days.map((day, i) => {
    const all = members.map((c) => c.days[i]!);
    const minutes = sumMinutes(all.map((d) => d.minutes));
    const seen = new Map<string, { id: string; title: string }>();
    for (const d of all) for (const incident of d.incidents) seen.set(incident.id, incident);
    return {
      date: day.date,
      minutes,
      uptime: uptime(minutes, { countMaintenance }),
      level: all.reduce<DayLevel>(
        (worst, d) => (levelRank(d.level) > levelRank(worst) ? d.level : worst),
        'nodata',
      ),
      incidents: [...seen.values()],
    };
  });
}

/** The component status a day level stands for; `nodata` stands for none. */
export const DAY_LEVEL_STATUS: Record<DayLevel, ComponentStatus | undefined> = {
  nodata: undefined,
  operational: 'operational',
  maintenance: 'under_maintenance',
  degraded: 'degraded_performance',
  partial: 'partial_outage',
  major: 'major_outage',
};

/** A day level ranks as the status it stands for; a day with no data below every status. */
function levelRank(level: DayLevel): number {
  const status = DAY_LEVEL_STATUS[level];
  return status === undefined ? -1 : statusRank(status);
}

/** The worst state that lasted at least a minute on a day. */
export function dayLevel(m: Minutes): DayLevel {
  if (m.major >= 1) return 'major';
  if (m.partial >= 1) return 'partial';
  if (m.degraded >= 1) return 'degraded';
  if (m.observed > 0) return 'operational';
  if (m.maintenance > 0) return 'maintenance';
  return 'nodata';
}

/**
 * The channel box: every channel whose component is not operational, and the channels that
 * still work, in fallback order (then the order of the configuration).
 */
export function channelNotice(
  channels: readonly ChannelConfig[],
  components: readonly Pick<ComponentModel, 'id' | 'status'>[],
): ChannelNotice | undefined {
  const statusOf = (ch: ChannelConfig): ComponentStatus =>
    (ch.component && components.find((c) => c.id === ch.component)?.status) || 'operational';
  const affected = channels
    .filter((ch) => statusOf(ch) !== 'operational')
    .map((channel) => ({ channel, status: statusOf(channel) }));
  if (affected.length === 0) return undefined;
  const alternatives = byFallbackOrder(channels.filter((ch) => statusOf(ch) === 'operational'));
  return { affected, alternatives };
}

/** Channels in the order they are offered: by `fallback_order`, then as configured. */
export function byFallbackOrder(channels: readonly ChannelConfig[]): ChannelConfig[] {
  return channels
    .map((ch, index) => ({ ch, index }))
    .sort(
      (a, b) =>
        (a.ch.fallback_order ?? Infinity) - (b.ch.fallback_order ?? Infinity) || a.index - b.index,
    )
    .map(({ ch }) => ch);
}
