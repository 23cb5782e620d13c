/** A component's own feed: RSS 2.0. */
import { componentFeedPaths, componentFeedRoute } from '../../../lib/feeds/routes.ts';

export const getStaticPaths = componentFeedPaths;
export const GET = componentFeedRoute('rss');
