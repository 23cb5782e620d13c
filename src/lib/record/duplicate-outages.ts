/**
 * One outage, one incident, however many probers saw it. A prober never opens an incident for a
 * component an open automatic incident already covers; but two probers on one branch (the loop on
 * a server and the workflow's schedule, or a run by hand while the schedule runs) can each open
 * one for the same outage before either's push reaches the other. Where their trees meet (the push
 * path, after the rebase), the later is merged into the earlier, as an editor would with
 * `incident merge`: its updates move, its file stays as a stub that leads there.
 *
 * Two automatic incidents are one outage when both are unresolved, they set a component in trouble
 * in common, and the earlier one has never been resolved (had it been, and been reopened by a
 * comment, the later one was opened by a prober that rightly saw it resolved).
 */
import type { IncidentData } from '../content/incident-schema.ts';
import type { Entry } from '../content/parse-entry.ts';
import { isResolvedStatus } from '../status.ts';
import type { OpenProberIncident } from './reconcile.ts';

/** A later automatic incident to merge into an earlier one of the same outage. */
export interface DuplicateOutage {
  into: string;
  from: string;
}

/**
 * The merges that leave one incident per outage, in order (an incident merged into another is
 * not merged into again). `open` is oldest first, as `openProberIncidents` gives it.
 */
export function duplicateOutages(
  incidents: ReadonlyMap<string, Entry<IncidentData>>,
  open: readonly OpenProberIncident[],
): DuplicateOutage[] {
  const merges: DuplicateOutage[] = [];
  // The incidents kept so far, with the components they cover once the later ones are merged in.
  const kept: { id: string; troubled: Set<string>; neverResolved: boolean }[] = [];
  for (const incident of open) {
    const troubled = incident.troubled.map((c) => c.id);
    const into = kept.find((k) => k.neverResolved && troubled.some((id) => k.troubled.has(id)));
    if (into) {
      merges.push({ into: into.id, from: incident.id });
      for (const id of troubled) into.troubled.add(id);
      continue;
    }
    const updates = incidents.get(incident.id)?.data.updates ?? [];
    kept.push({
      id: incident.id,
      troubled: new Set(troubled),
      neverResolved: !updates.some((u) => isResolvedStatus(u.status)),
    });
  }
  return merges;
}
