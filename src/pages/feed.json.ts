/** The site's feed: JSON Feed 1.1. */
import { siteFeedRoute } from '../lib/feeds/routes.ts';

export const GET = siteFeedRoute('json');
