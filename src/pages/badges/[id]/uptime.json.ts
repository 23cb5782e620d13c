/** A component's uptime badge as shields.io endpoint JSON. */
import { badgePaths, badgeRoute } from '../../../lib/badges/routes.ts';

export const getStaticPaths = badgePaths;
export const GET = badgeRoute('uptime', 'json');
