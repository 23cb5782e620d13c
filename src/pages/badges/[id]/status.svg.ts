/** A component's status badge as SVG. */
import { badgePaths, badgeRoute } from '../../../lib/badges/routes.ts';

export const getStaticPaths = badgePaths;
export const GET = badgeRoute('status', 'svg');
