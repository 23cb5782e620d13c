/**
 * The prober never forgets an incident it opened. `state.json` names, per component, the
 * automatic incident of its current outage, and recovery resolves the incident it names; the
 * incident files say which incidents are unresolved. The two can disagree: a run killed after
 * writing a new incident and before writing the state, or two writers' pushes merged (a stale
 * comment that lands after the prober's `resolved` reopens the incident). An unresolved automatic
 * incident that no state names would never be resolved, the page would show its component down
 * for ever, and later outages would be skipped as "already covered".
 *
 * `reconcileState` re-attaches every such incident to the components it sets in trouble. The
 * prober calls it at the start of each run; the push path calls it after merging incident files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentData } from '../content/incident-schema.ts';
import { ENTRY_FILE } from '../content/loader.ts';
import { parseIncidentFile, type Entry } from '../content/parse-entry.ts';
import type { ComponentState, ProbeState } from '../history/state.ts';
import { buildIncident } from '../model/incident.ts';
import { displayPath, formatProblem } from '../validation/friendly-errors.ts';

/** An incident re-attached to a component's state. */
export interface Reattached {
  component: string;
  incident: string;
}

/** An unresolved automatic incident, as the reconciliation sees it. */
export interface OpenProberIncident {
  id: string;
  startedAt: number;
  /** Components it sets in trouble, with that status. */
  troubled: { id: string; status: ComponentState['confirmed'] }[];
  githubIssue: number | null;
}

/** The unresolved automatic incidents among `incidents`, oldest first. */
export function openProberIncidents(
  incidents: ReadonlyMap<string, Entry<IncidentData>>,
  options: { components: ReadonlySet<string>; now: number },
): OpenProberIncident[] {
  const open: OpenProberIncident[] = [];
  for (const [id, entry] of incidents) {
    if (entry.data.source !== 'prober') continue;
    const incident = buildIncident(id, entry, { now: options.now, render: (s) => s });
    if (!incident || incident.resolvedAt !== null) continue;
    const troubled = incident.components.filter(
      (c) => c.status !== 'operational' && options.components.has(c.id),
    );
    open.push({ id, startedAt: incident.startedAt, troubled, githubIssue: incident.githubIssue });
  }
  return open.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}

/**
 * The state with every unresolved automatic incident attached: each component it sets in
 * trouble tracks it, unless the component already tracks another unresolved automatic incident
 * of its own. A component tracks one incident at a time; once that one is resolved, the next
 * run attaches the oldest of the others, so each is resolved in turn. A component the state
 * holds as operational takes the incident's status as confirmed, since the incident began: the
 * prober opened it on a confirmed outage, and holding that outage as confirmed lets recovery
 * (`probe.confirm_up` runs) resolve it. The state given is not changed.
 */
export function reconcileState(
  state: ProbeState,
  open: readonly OpenProberIncident[],
): { state: ProbeState; attached: Reattached[] } {
  const next: ProbeState = structuredClone(state);
  const attached: Reattached[] = [];
  const covers = (incident: string | undefined, component: string): boolean =>
    open.some((o) => o.id === incident && o.troubled.some((c) => c.id === component));
  for (const incident of open) {
    for (const { id: component, status } of incident.troubled) {
      const current = next.components[component];
      if (covers(current?.incident, component)) continue;
      next.components[component] =
        current && current.confirmed !== 'operational'
          ? { ...current, incident: incident.id }
          : {
              confirmed: status,
              since: new Date(incident.startedAt).toISOString(),
              count: 0,
              incident: incident.id,
            };
      attached.push({ component, incident: incident.id });
    }
  }
  return { state: next, attached };
}

/**
 * Reads the automatic incidents of a content folder (`source: prober`). Only files that say so
 * are parsed, so that a run does not parse every editor's incident of years past; a file that
 * does not parse is left out with its problems, for the build to report.
 */
export function readProberIncidents(
  contentDir: string,
  components: ReadonlySet<string>,
): { incidents: Map<string, Entry<IncidentData>>; problems: string[] } {
  const dir = join(contentDir, 'incidents');
  const incidents = new Map<string, Entry<IncidentData>>();
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { incidents, problems };
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
  for (const name of names) {
    const id = ENTRY_FILE.exec(name)?.[1];
    if (!id) continue;
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    if (!PROBER_SOURCE.test(text)) continue;
    const parsed = parseIncidentFile(text, displayPath(path), components);
    if (parsed.ok) incidents.set(id, parsed.data);
    else problems.push(...parsed.problems.map(formatProblem));
  }
  return { incidents, problems };
}

/** A line `source: prober` (quoted or not): the files worth parsing. */
const PROBER_SOURCE = /^source:[ \t]*(["']?)prober\1[ \t]*(#.*)?\r?$/m;
