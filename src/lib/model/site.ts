/**
 * The whole site as data: every component's current status and uptime, incidents, maintenance,
 * the page indicator and the channel notice. Pure: content, history and the clock are passed in,
 * and pages, feeds, the API and images all read this one model.
 */
import type { ComponentConfig, Config, GroupConfig } from '../config/schema.ts';
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
import { channelNotice, type ChannelNotice } from './channels.ts';
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
  /**
   * Something watches it: a check, or an incident that set a status for it. A component with
   * neither is "not monitored": the site shows no uptime and no colour for it (docs/rules.md).
   */
  monitored: boolean;
  /**
   * When its record begins (its first sample, rollup or incident; for a component without
   * checks, its start): uptime over a period that began earlier is of the time since. Undefined
   * when nothing is recorded.
   */
  observedSince: number | undefined;
  /** Latest sample: time, response time, reason. */
  lastCheck: { at: number; ms: number | null; reason?: string | undefined } | undefined;
  /** No sample for longer than the policy allows (freshness.ts), although it has checks. */
  stale: boolean;
  /** The last 90 local days, oldest first. */
  days: ComponentDay[];
  uptime: { h24: number | null; d7: number | null; d30: number | null; d90: number | null };
  /** The uptime figures the component page shows: the periods the record covers, then one "since". */
  periods: UptimePeriod[];
  /** Mean response time per hour over the last 24 h: `[hourStart, ms]`. */
  responseTimes: [number, number][];
  /** Incidents that set a status for it, newest first. */
  incidents: Incident[];
  /** When it began to be reported on. */
  createdAt: number;
  /** The latest change known: its newest sample, incident update or maintenance change. */
  updatedAt: number;
}

/** What the site shows as a component's state: its status, or that nothing monitors it. */
export type ShownStatus = ComponentStatus | 'not_monitored';

/**
 * A component's state as the site shows it. One nothing monitors is "not monitored", not
 * operational — unless a maintenance window, the one status an editor can give it without an
 * incident, says otherwise. (The Statuspage API still says `operational`: docs/rules.md.)
 */
export function shownStatus(c: Pick<ComponentModel, 'status' | 'monitored'>): ShownStatus {
  return c.monitored || c.status !== 'operational' ? c.status : 'not_monitored';
}

/** The uptime periods the site reports on, shortest first. */
export type PeriodKey = 'h24' | 'd7' | 'd30' | 'd90';

/** An uptime figure over a period, or over the time recorded since `since` inside it. */
export interface UptimePeriod {
  key: PeriodKey;
  uptime: number | null;
  /** When the record began, if after the period's start: the figure is of the time since. */
  since: number | undefined;
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
  /** When its components' earliest record began, if within the 90 days: `uptime90` is since then. */
  since: number | undefined;
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
  /** No component is monitored: the page has nothing to say "operational" from. */
  nothingMonitored: boolean;
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
  /**
   * Markdown to sanitized HTML, for the page at a site path (`incidents/x/`): the same text is
   * shown on other pages too (home, history, feeds), so relative links are resolved against it.
   */
  render: (markdown: string, page: string) => string;
}

/**
 * Builds the site model. Long because it is the one place where the parts meet, in the order they
 * depend on each other: the days, incidents and maintenance, then the components that read them,
 * then the groups and the page's status from the components.
 */
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

  const barStart = days[0]?.start ?? now;
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
      since: after(
        barStart,
        members.map((c) => c.observedSince),
      ),
    });
  }
  // Ungrouped components come after the groups, as on Statuspage pages.
  if (groups[0] && groups[0].group === undefined) groups.push(groups.shift()!);

  // A component nobody monitors is no evidence that anything works: it counts only when an
  // editor's maintenance window (the one status it can have) says otherwise.
  const indicator = pageIndicator(
    components.filter((c) => c.monitored || c.status !== 'operational').map((c) => c.status),
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
    nothingMonitored: components.every((c) => !c.monitored),
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

/**
 * One component as the pages show it: its status now, its days, uptime figures and response
 * times. Long because each figure reads the segments made at its top, and they are made once.
 */
function buildComponent(input: ComponentInput): ComponentModel {
  const { config: c, site, history } = input;
  const { now } = site;
  const policy = site.config.probe;
  const tz = site.config.site.time_zone;
  const hasChecks = c.checks.length > 0;
  const monitored = hasChecks || input.incidents.length > 0;

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
    // With no incident either, nothing is.
    observedFrom: hasChecks || !monitored ? undefined : createdAt,
  };
  const since = hasChecks ? firstKnown : createdAt;
  const observedSince = monitored && Number.isFinite(since) ? since : undefined;
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
  const figures = {
    h24: uptime(last24, countMaintenance),
    d7: period(7),
    d30: period(30),
    d90: period(90),
  };
  const starts: Record<PeriodKey, number> = {
    h24: now - 24 * HOUR,
    d7: input.days.at(-7)!.start,
    d30: input.days.at(-30)!.start,
    d90: input.days.at(-90)!.start,
  };

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
    monitored,
    observedSince,
    lastCheck: last ? { at: last.at, ms: last.ms, reason: last.reason } : undefined,
    stale: hasChecks && (!last || isStale(last.at, now, staleAfterMs(policy))),
    days,
    uptime: figures,
    periods: uptimePeriods(figures, starts, observedSince),
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

/**
 * The uptime figures worth showing. A period the record covers whole is shown as it is. The
 * shortest period the record does not cover is shown with the time its record began ("since 25
 * Nov"), its figure being of the time observed since; longer periods are left out, since they
 * would repeat that figure under a longer name.
 */
export function uptimePeriods(
  figures: Record<PeriodKey, number | null>,
  starts: Record<PeriodKey, number>,
  observedSince: number | undefined,
): UptimePeriod[] {
  const out: UptimePeriod[] = [];
  for (const key of ['h24', 'd7', 'd30', 'd90'] as const) {
    if (observedSince === undefined || observedSince <= starts[key]) {
      out.push({ key, uptime: figures[key], since: undefined });
      continue;
    }
    out.push({ key, uptime: figures[key], since: observedSince });
    break;
  }
  return out;
}

/** The earliest of some instants if it is after `start`; undefined if not, or if none is known. */
function after(start: number, instants: readonly (number | undefined)[]): number | undefined {
  const known = instants.filter((t): t is number => t !== undefined);
  const first = known.length ? Math.min(...known) : undefined;
  return first !== undefined && first > start ? first : undefined;
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
