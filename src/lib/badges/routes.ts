/** The badge endpoints' shared parts: each route file names its badge and hands over to these. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { BadgeKind } from '../paths.ts';
import { getSite, getUi } from '../site-data.ts';
import { badgeSvg, componentBadge, shieldsEndpoint } from './badge.ts';

/** One badge per component. */
export const badgePaths = (async () => {
  const site = await getSite();
  return site.components.map((c) => ({ params: { id: c.id } }));
}) satisfies GetStaticPaths;

/** A badge as SVG, or as shields.io endpoint JSON; the route's `[id]` names the component. */
export function badgeRoute(kind: BadgeKind, format: 'svg' | 'json'): APIRoute {
  return async ({ params }) => {
    const ui = await getUi();
    const component = ui.site.components.find((c) => c.id === params['id']);
    if (!component) throw new Error(`badge: no component "${String(params['id'])}"`);
    const badge = componentBadge(component, kind, ui);
    return format === 'svg'
      ? new Response(badgeSvg(badge, `-${component.id}-${kind}`), {
          headers: { 'Content-Type': 'image/svg+xml' },
        })
      : new Response(JSON.stringify(shieldsEndpoint(badge)), {
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
        });
  };
}
