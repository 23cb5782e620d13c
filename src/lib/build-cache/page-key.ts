/**
 * Keys for the pages that grow with the number of incidents, so that a rebuild copies every page
 * whose inputs are unchanged from the previous build instead of rendering it again (Astro's
 * `experimental.incrementalBuild`: a page is copied when its route's code and its key both match
 * the last build). A key is a hash of everything the page shows that is not code: an incident
 * page's key holds the incident, the site-wide facts every page shows, and, while the incident is
 * ongoing, the build time its duration is counted to. A fact left out of a key would leave an old
 * page up, so test/build/incremental.test.ts holds a rebuild after each kind of edit to a full
 * build of the same content, file by file.
 */
import { createHash } from 'node:crypto';
import type { SiteModel } from '../model/site.ts';

/**
 * What every keyed page may show of the site as a whole: the configuration (title, language,
 * time zone, URL, components' names, channels, share settings), each component's status now (the
 * channels a share text offers depend on it), and anything the caller adds (the stylesheet's
 * hash). Any change of these renders every keyed page again.
 */
export function siteKey(
  site: Pick<SiteModel, 'config'> & {
    components: readonly Pick<SiteModel['components'][number], 'id' | 'status'>[];
  },
  extra: Readonly<Record<string, unknown>>,
): string {
  return pageKey({
    config: site.config,
    statuses: site.components.map((c) => [c.id, c.status]),
    ...extra,
  });
}

/** A hash of the parts, in the order given; Maps count by their entries, Sets by their values. */
export function pageKey(...parts: readonly unknown[]): string {
  const json = JSON.stringify(parts, (_key, value: unknown) => {
    if (value instanceof Map) return [...(value as Map<unknown, unknown>).entries()];
    if (value instanceof Set) return [...(value as Set<unknown>).values()];
    if (value instanceof RegExp) return value.toString();
    return value;
  });
  return createHash('sha256').update(json).digest('base64url');
}
