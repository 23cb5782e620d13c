/**
 * Which incidents are still news: every unresolved one and the most recent ones. They get a share
 * image of their own, a share box on their page and `/share/<id>.json`; older incidents keep their
 * page, updates and postmortem, and share the home page's image. Ready-to-post texts and images
 * are for telling people about an incident while it matters; kept for every incident of a long
 * history they made more than half of a large site's bytes and a bounded cold drawing time
 * (about 20 ms an image) unbounded.
 */
import type { Incident } from './incident.ts';

/** How many of the newest incidents count as recent, whatever their state. */
export const RECENT_INCIDENTS = 200;

/** Ids of the recent incidents, by list of incidents (one list per model). */
const recentSets = new WeakMap<
  readonly Pick<Incident, 'id' | 'resolvedAt'>[],
  ReadonlySet<string>
>();

/**
 * Whether an incident is recent (see RECENT_INCIDENTS); incidents newest first. The set is made
 * once per list, so that asking for each of thousands of pages costs a lookup, not a scan.
 */
export function isRecent(
  incidents: readonly Pick<Incident, 'id' | 'resolvedAt'>[],
  id: string,
): boolean {
  let recent = recentSets.get(incidents);
  if (!recent) {
    recent = new Set(
      incidents
        .filter((incident, index) => index < RECENT_INCIDENTS || incident.resolvedAt === null)
        .map((incident) => incident.id),
    );
    recentSets.set(incidents, recent);
  }
  return recent.has(id);
}
