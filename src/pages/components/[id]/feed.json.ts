/** A component's own feed: JSON Feed 1.1. */
import { componentFeedPaths, componentFeedRoute } from '../../../lib/feeds/routes.ts';

export const getStaticPaths = componentFeedPaths;
export const GET = componentFeedRoute('json');
