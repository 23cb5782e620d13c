/**
 * Labels of a synced issue set the incident's facts: `impact:<level>` its impact,
 * `component:<id>` or `component:<id>=<status>` an affected component and the status the incident
 * sets for it. A label naming no known component or level is reported and skipped.
 */
import { unknownIdMessage } from '../validation/unknown-id.ts';
import {
  HEALTH_STATUSES,
  IMPACTS,
  isImpact,
  severity,
  type HealthStatus,
  type Impact,
} from '../status.ts';

/** Impact without an `impact:` label: something is wrong, but not necessarily much. */
export const DEFAULT_IMPACT: Impact = 'minor';

/**
 * Status of a component labelled without one (`component:api`): affected but not shown as wholly
 * down, because the person labelling on a phone may not know yet; `component:api=down` says more.
 */
export const DEFAULT_COMPONENT_STATUS: HealthStatus = 'partial_outage';

/** Status names accepted after `=`: the schema's words and the short ones of the history files. */
export const LABEL_STATUSES: Readonly<Record<string, HealthStatus>> = {
  ...Object.fromEntries(HEALTH_STATUSES.map((s) => [s, s])),
  up: 'operational',
  degraded: 'degraded_performance',
  partial: 'partial_outage',
  down: 'major_outage',
};

/** What an issue's labels say. */
export interface LabelFacts {
  impact: Impact;
  /** Affected components and their status, by id. */
  components: Record<string, HealthStatus>;
  /** Labels that were skipped, and why (for the log). */
  skipped: string[];
}

/** Whether a label says something about the incident (`impact:…`, `component:…`). */
export function isFactLabel(name: string): boolean {
  return /^\s*(impact|component)\s*:/i.test(name);
}

/**
 * Reads impact and components from label names; several impact labels: the highest wins, none:
 * `fallback` (a template's impact, else `DEFAULT_IMPACT`).
 */
export function readLabels(
  names: readonly string[],
  known: ReadonlySet<string>,
  fallback: Impact = DEFAULT_IMPACT,
): LabelFacts {
  let impact: Impact | undefined;
  const components: Record<string, HealthStatus> = {};
  const skipped: string[] = [];
  for (const name of names) {
    const [prefix, ...rest] = name.split(':');
    const value = rest.join(':').trim().toLowerCase();
    switch (prefix?.trim().toLowerCase()) {
      case 'impact': {
        if (!isImpact(value)) {
          skipped.push(`label "${name}": impact is one of ${IMPACTS.join(', ')}`);
          break;
        }
        if (impact === undefined || IMPACTS.indexOf(value) > IMPACTS.indexOf(impact))
          impact = value;
        break;
      }
      case 'component': {
        const [id = '', statusName] = value.split('=').map((s) => s.trim());
        const status =
          statusName === undefined
            ? DEFAULT_COMPONENT_STATUS
            : Object.hasOwn(LABEL_STATUSES, statusName)
              ? LABEL_STATUSES[statusName]
              : undefined;
        if (!known.has(id)) {
          const where = ' in heliograph.yaml';
          skipped.push(
            `label "${name}": ${unknownIdMessage({ what: 'component', id, known, where })}`,
          );
        } else if (!status) {
          skipped.push(
            `label "${name}": status is one of ${Object.keys(LABEL_STATUSES).join(', ')}`,
          );
        } else {
          const before = components[id];
          components[id] = before && severity(before) > severity(status) ? before : status;
        }
        break;
      }
      default:
      // Other labels (the incident label itself, "bug"…) say nothing about the incident.
    }
  }
  return { impact: impact ?? fallback, components: sortedKeys(components), skipped };
}

/** Components in id order, so that relabelling in another order changes nothing in the file. */
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
