/** The site's feed: Atom 1.0. */
import { siteFeedRoute } from '../lib/feeds/routes.ts';

export const GET = siteFeedRoute('atom');
