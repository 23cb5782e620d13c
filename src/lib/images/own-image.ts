/** Which incidents get a share image of their own. */
import type { Incident } from '../model/incident.ts';

/**
 * Incidents drawn with an image of their own: every unresolved one and the most recent ones.
 * Older incidents share the home image, so that a history of thousands of incidents costs a
 * bounded time to draw on a cold cache (about 20 ms an image).
 */
export const OWN_IMAGE_RECENT = 200;

/** Whether an incident has its own image (see OWN_IMAGE_RECENT); incidents newest first. */
export function hasOwnImage(
  incidents: readonly Pick<Incident, 'id' | 'resolvedAt'>[],
  id: string,
): boolean {
  const index = incidents.findIndex((i) => i.id === id);
  return index >= 0 && (index < OWN_IMAGE_RECENT || incidents[index]!.resolvedAt === null);
}
