/**
 * The status model, compatible with Atlassian Statuspage so that existing clients work.
 * Every page, feed, API file, badge and image takes its status words and rules from here.
 */

/** Component statuses, in Statuspage's words. */
export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Statuses a probe or an incident can set (maintenance comes only from maintenance windows). */
export const HEALTH_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Incident statuses; `postmortem` follows `resolved` when a write-up is published. */
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Maintenance statuses: the first three follow the clock, `verifying` only an editor sets. */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** Incident impact, lowest first. */
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Whether a word read from outside (a label, a form's answer) is an impact. */
export function isImpact(word: string): word is Impact {
  return (IMPACTS as readonly string[]).includes(word);
}

/** Page indicators, as in Statuspage's status.json. */
export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Indicator = (typeof INDICATORS)[number];

/**
 * The one ranking of statuses, best first: every "worst of", every list ordered by status and the
 * page indicator follow it. Maintenance ranks above operational (it is news) and below any trouble
 * (a window the business announced is not an outage).
 */
const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** Component statuses, worst first. */
export const STATUSES_WORST_FIRST: readonly ComponentStatus[] = COMPONENT_STATUSES.toSorted(
  (a, b) => RANK[b] - RANK[a],
);

/** Rank of a component status (0 = operational … 4 = major outage); higher is worse. */
export function statusRank(status: ComponentStatus): number {
  return RANK[status];
}

/** The worst of several component statuses; operational for none. */
export function worstComponentStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

/** The worse of two health statuses; `undefined` means "nothing known" and loses to anything. */
export function worseStatus(
  a: HealthStatus | undefined,
  b: HealthStatus | undefined,
): HealthStatus | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Severity of a health status among health statuses (0 = operational … 3 = major outage). */
export function severity(status: HealthStatus): number {
  return HEALTH_STATUSES.filter((s) => RANK[s] < RANK[status]).length;
}

/**
 * Combines the results of several checks behind one component: all agree → that status;
 * some fail while others pass → partial_outage, since the component half works (docs/rules.md,
 * "Component status"); otherwise the worst.
 */
export function combineCheckStatuses(statuses: readonly HealthStatus[]): HealthStatus {
  if (statuses.length === 0) return 'operational';
  const failing = statuses.filter((s) => s === 'major_outage').length;
  if (failing > 0 && failing < statuses.length) return 'partial_outage';
  return statuses.reduce<HealthStatus>((acc, s) => worseStatus(acc, s) ?? acc, 'operational');
}

/** Inputs for a component's current status. */
export interface CurrentStatusInput {
  /** A maintenance window covering the component is in progress now. */
  inMaintenance: boolean;
  /** The latest confirmed probe status, if the component has checks and data. */
  probe?: HealthStatus | undefined;
  /** Statuses that unresolved incidents set for the component now. */
  incidents: readonly HealthStatus[];
}

/**
 * A component's current status: an active maintenance window gives under_maintenance;
 * otherwise the worse of the latest confirmed probe result and what unresolved incidents set.
 */
export function componentStatus(input: CurrentStatusInput): ComponentStatus {
  if (input.inMaintenance) return 'under_maintenance';
  let status = input.probe;
  for (const s of input.incidents) status = worseStatus(status, s);
  return status ?? 'operational';
}

/** The component status an indicator stands for (its colour and icon on images); ranks it too. */
export const INDICATOR_STATUS: Record<Indicator, ComponentStatus> = {
  none: 'operational',
  maintenance: 'under_maintenance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/** The indicator each component status raises the page to: the inverse of `INDICATOR_STATUS`. */
const STATUS_INDICATOR = new Map(INDICATORS.map((i) => [INDICATOR_STATUS[i], i]));

/**
 * The page indicator. Any major_outage → critical; any partial_outage → major; any
 * degraded_performance → minor; only maintenance → maintenance; and an unresolved incident
 * raises the indicator to at least its impact (impact `none` raises nothing).
 */
export function pageIndicator(
  statuses: readonly ComponentStatus[],
  unresolvedImpacts: readonly Impact[] = [],
): Indicator {
  let indicator: Indicator = 'none';
  const raise = (candidate: Indicator): void => {
    if (RANK[INDICATOR_STATUS[candidate]] > RANK[INDICATOR_STATUS[indicator]])
      indicator = candidate;
  };
  for (const s of statuses) raise(STATUS_INDICATOR.get(s) ?? 'none');
  for (const impact of unresolvedImpacts) if (impact !== 'none') raise(impact);
  return indicator;
}

/** Statuspage's English description of each indicator (status.json `description`). */
export const INDICATOR_DESCRIPTIONS: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Partially Degraded Service',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

/** True once an incident no longer sets component statuses. */
export function isResolvedStatus(status: IncidentStatus): boolean {
  return status === 'resolved' || status === 'postmortem';
}
