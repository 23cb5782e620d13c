/** A component's uptime badge as SVG. */
import { badgePaths, badgeRoute } from '../../../lib/badges/routes.ts';

export const getStaticPaths = badgePaths;
export const GET = badgeRoute('uptime', 'svg');
