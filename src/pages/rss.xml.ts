/** The site's feed: RSS 2.0. */
import { siteFeedRoute } from '../lib/feeds/routes.ts';

export const GET = siteFeedRoute('rss');
