/** A component's own feed: Atom 1.0. */
import { componentFeedPaths, componentFeedRoute } from '../../../lib/feeds/routes.ts';

export const getStaticPaths = componentFeedPaths;
export const GET = componentFeedRoute('atom');
