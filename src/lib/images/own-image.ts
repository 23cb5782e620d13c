/** Which incidents get a share image of their own. */
import type { Incident } from '../model/incident.ts';

/**
 * Incidents drawn with an image of their own: every unresolved one and the most recent ones.
 * Older incidents share the home image, so that a history of thousands of incidents costs a
 * bounded time to draw on a cold cache (about 20 ms an image).
 */
export const OWN_IMAGE_RECENT = 200;

/** Ids of the incidents with an image of their own, by list of incidents (one list per model). */
const owners = new WeakMap<readonly Pick<Incident, 'id' | 'resolvedAt'>[], ReadonlySet<string>>();

/**
 * Whether an incident has its own image (see OWN_IMAGE_RECENT); incidents newest first. The set
 * of such incidents is made once per list, so that asking for each of thousands of pages costs
 * a lookup, not a scan.
 */
export function hasOwnImage(
  incidents: readonly Pick<Incident, 'id' | 'resolvedAt'>[],
  id: string,
): boolean {
  let own = owners.get(incidents);
  if (!own) {
    own = new Set(
      incidents
        .filter((incident, index) => index < OWN_IMAGE_RECENT || incident.resolvedAt === null)
        .map((incident) => incident.id),
    );
    owners.set(incidents, own);
  }
  return own.has(id);
}
