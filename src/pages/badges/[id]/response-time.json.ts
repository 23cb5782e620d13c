/** A component's response-time badge as shields.io endpoint JSON. */
import { badgePaths, badgeRoute } from '../../../lib/badges/routes.ts';

export const getStaticPaths = badgePaths;
export const GET = badgeRoute('response-time', 'json');
