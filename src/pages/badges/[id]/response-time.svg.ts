/** A component's response-time badge as SVG. */
import { badgePaths, badgeRoute } from '../../../lib/badges/routes.ts';

export const getStaticPaths = badgePaths;
export const GET = badgeRoute('response-time', 'svg');
