/**
 * Ids that never change once published: derived from file names and times, never from order,
 * so feeds, the API and permalinks stay stable across builds.
 */

/** `<entry>-<UTC minute>`, e.g. `meta-outage-20261004t1540`. */
export function updateId(entryId: string, at: number): string {
  const minute = new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').toLowerCase();
  return `${entryId}-${minute}`;
}
