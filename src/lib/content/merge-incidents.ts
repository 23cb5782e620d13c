/**
 * Joining two incident files into one (`incident merge`): one outage told on two pages becomes
 * one incident. The kept incident gets every update of the other, in time order, the union of
 * their components (the worse status where both name one), the earlier start, the higher impact,
 * and the other's postmortem after its own. The other file stays, so that its permalink keeps
 * working, as a stub: `merged_into`, its title, and what names it elsewhere (`source`,
 * `github_issue`).
 *
 * Updates keep their words and their identity: each brought-in update carries `merged_from`, so
 * its id in feeds, the API and the record of notifications stays the one it was published with,
 * and loses its `github` reference, which belongs to the other file's issue (the sync of the kept
 * file would otherwise drop it). One rule rewrites a status: a resolution posted on one incident
 * while the other was still open no longer resolves the joined incident — it becomes an update
 * that keeps the status before it and sets that incident's own components `operational`.
 */
import type { IncidentData, IncidentUpdateData } from './incident-schema.ts';
import {
  changedUpdate,
  readBody,
  readUpdates,
  setField,
  withBody,
  writeUpdates,
  type DocumentUpdate,
  type IncidentDocument,
} from './incident-document.ts';
import { IMPACTS, isResolvedStatus, worseStatus, type HealthStatus } from '../status.ts';

/** One side of a merge: its id, its document, and the document's data as the parser read it. */
export interface MergeSide {
  id: string;
  doc: IncidentDocument;
  data: IncidentData;
}

/** The two documents after the merge: the kept one with everything, the other one a stub. */
export interface Merged {
  into: IncidentDocument;
  from: IncidentDocument;
}

/** Joins `from` into `into`; both documents are changed (the bodies by replacement). */
export function mergeIncidents(into: MergeSide, from: MergeSide): Merged {
  const timeline = joinTimelines(into, from);
  writeUpdates(into.doc, timeline);

  const components: Record<string, HealthStatus> = { ...into.data.components };
  for (const [id, status] of Object.entries(from.data.components)) {
    components[id] = worseStatus(components[id], status) ?? status;
  }
  setField(into.doc, 'components', Object.keys(components).length ? components : undefined);
  const start = [into.data, from.data]
    .map((d) => d.started_at ?? firstUpdate(d))
    .filter((at): at is string => at !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  if (start !== undefined && start !== firstUpdate(into.data)) {
    setField(into.doc, 'started_at', start);
  }
  const impact = IMPACTS[Math.max(IMPACTS.indexOf(into.data.impact), IMPACTS.indexOf(from.data.impact))];
  setField(into.doc, 'impact', impact);
  const body = [readBody(into.doc), readBody(from.doc)].filter(Boolean).join('\n\n');

  writeUpdates(from.doc, []);
  for (const field of ['components', 'started_at'] as const) setField(from.doc, field, undefined);
  setField(from.doc, 'merged_into', into.id);
  return { into: withBody(into.doc, body), from: withBody(from.doc, '') };
}

/** The updates of both, in time order (the kept incident's first at equal times), rewritten. */
function joinTimelines(into: MergeSide, from: MergeSide): DocumentUpdate[] {
  const sides = [into, from].map((side, rank) =>
    readUpdates(side.doc).map((node, i) => ({
      node,
      data: side.data.updates[i]!,
      side: rank,
      brought: rank === 1,
    })),
  );
  const items = sides.flat().sort((a, b) => a.node.at - b.node.at || a.side - b.side);
  // Whether each incident has begun and whether it stands resolved, as the timeline goes.
  const begun = [false, false];
  const resolved = [false, false];
  let status: IncidentUpdateData['status'] | undefined;
  return items.map((item) => {
    const fields: Parameters<typeof changedUpdate>[2] = {};
    // The status this update now has, when the merge rewrites it.
    let rewritten: IncidentUpdateData['status'] | undefined;
    if (item.brought) {
      fields.github = undefined;
      if (item.data.merged_from === undefined) fields.merged_from = from.id;
    }
    const other = 1 - item.side;
    begun[item.side] = true;
    resolved[item.side] = isResolvedStatus(item.data.status);
    if (resolved[item.side] && begun[other] && !resolved[other]) {
      // The outage goes on in the other incident: this is news of part of it, not the end.
      const own = item.side === 0 ? into.data : from.data;
      const others = item.side === 0 ? from.data : into.data;
      rewritten = status !== undefined && !isResolvedStatus(status) ? status : 'monitoring';
      fields.status = rewritten;
      const recovered = Object.keys(own.components).filter((id) => !(id in others.components));
      if (recovered.length) {
        fields.components = {
          ...item.data.components,
          ...Object.fromEntries(recovered.map((id) => [id, 'operational'])),
        };
      }
    }
    status = rewritten ?? item.data.status;
    return item.brought || Object.keys(fields).length
      ? changedUpdate(into.doc, item.node, fields)
      : item.node;
  });
}

/** The time of the earliest update, as written. */
function firstUpdate(data: IncidentData): string | undefined {
  return [...data.updates].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0]?.at;
}
