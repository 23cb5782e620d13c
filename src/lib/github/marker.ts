/**
 * The mark the prober leaves, invisibly, in the issues and comments it posts: the sync knows them
 * by it, links an issue to the prober's incident file, and never turns the prober's own words
 * into a second copy of an update.
 */

/** The HTML comment naming the automatic incident an issue or comment belongs to. */
export function autoMarker(incidentId: string): string {
  return `<!-- heliograph:incident ${incidentId} -->`;
}

/** The incident id in a text's marker, if it has one. */
export function readAutoMarker(text: string | null | undefined): string | undefined {
  return /<!-- heliograph:incident ([a-z0-9][a-z0-9-]*) -->/.exec(text ?? '')?.[1];
}
