/** The feed endpoints' shared parts: each route file names its format and hands over to these. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { FeedFormat } from '../paths.ts';
import { getSite, getUi } from '../site-data.ts';
import { atomFeed } from './atom.ts';
import { feedChannel } from './channel.ts';
import { jsonFeed } from './json-feed.ts';
import { rssFeed } from './rss.ts';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The site's feed in one format. */
export function siteFeedRoute(format: FeedFormat): APIRoute {
  return async () => feedResponse(format);
}

/** A component's feed in one format; the route's `[id]` names the component. */
export function componentFeedRoute(format: FeedFormat): APIRoute {
  return async ({ params }) => feedResponse(format, params['id']);
}

/** One page of component feeds per component. */
export const componentFeedPaths = (async () => {
  const site = await getSite();
  return site.components.map((c) => ({ params: { id: c.id } }));
}) satisfies GetStaticPaths;

async function feedResponse(format: FeedFormat, componentId?: string): Promise<Response> {
  const channel = feedChannel(await getUi(), componentId);
  const body =
    format === 'rss'
      ? await rssFeed(channel)
      : format === 'atom'
        ? atomFeed(channel)
        : jsonFeed(channel);
  return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES[format] } });
}
