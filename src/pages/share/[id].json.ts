/**
 * `/share/<incident>.json`: every update's ready-to-post text for every channel, for tools; for
 * each recent incident (src/lib/model/recent.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { pageKey } from '../../lib/build-cache/page-key.ts';
import { everyPageKey } from '../../lib/build-cache/every-page.ts';
import type { Incident } from '../../lib/model/incident.ts';
import { isRecent } from '../../lib/model/recent.ts';
import { paths } from '../../lib/paths.ts';
import { incidentShares } from '../../lib/share/incident-shares.ts';
import { getSite, getUi } from '../../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const site = await getSite();
  const everyPage = everyPageKey(site);
  // An ongoing incident's texts may count its duration to the build time.
  return site.incidents
    .filter((incident) => isRecent(site.incidents, incident.id))
    .map((incident) => ({
      params: { id: incident.id },
      props: { incident },
      cacheKey: pageKey(everyPage, incident, incident.resolvedAt === null ? site.now : null),
    }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ incident: Incident }> = async ({ props }) => {
  const ui = await getUi();
  const { incident } = props;
  const body = {
    incident: incident.id,
    title: incident.title,
    url: ui.url(paths.incident(incident.id)),
    updates: incidentShares(incident, ui),
  };
  return new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json' },
  });
};
