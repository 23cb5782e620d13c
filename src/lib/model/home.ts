/**
 * What the home page shows of the site model: which components and groups, one bar per component
 * or per group, and which recent incidents. The page and its share image both read it, so the
 * image never counts a component the page hides.
 */
import { DAY } from '../time.ts';
import type { Incident } from './incident.ts';
import type { ComponentModel, GroupModel, SiteModel } from './site.ts';

/**
 * Above this many components shown, the home page shows one 90-day bar per group instead of one
 * per component: 90 focusable days per bar cost about 0.7 KB gzip each, and the home page must fit
 * in the first 14 KB round trip.
 */
export const HOME_BAR_LIMIT = 12;

/** Recent (resolved) incidents listed on the home page; the history has them all. */
export const RECENT_LIMIT = 10;

/** How far back a resolved incident still counts as recent on the home page. */
export const RECENT_DAYS = 14;

/** The home page's share of the model. */
export interface HomeView {
  /** Groups in page order with the components shown in them; groups with none shown are left out. */
  groups: GroupModel[];
  /** Every component shown, in page order. */
  components: ComponentModel[];
  /** One bar per group (each component's bar is on its own page), past `HOME_BAR_LIMIT`. */
  compact: boolean;
  /** Incidents resolved in the last `RECENT_DAYS` days, newest first, at most `RECENT_LIMIT`. */
  recentIncidents: Incident[];
}

/** Whether the home page shows a component: always, unless it asks to be shown only when degraded. */
export function shownOnHome(component: Pick<ComponentModel, 'config' | 'status'>): boolean {
  return !component.config.only_show_if_degraded || component.status !== 'operational';
}

/** What the home page shows. */
export function homeView(site: SiteModel): HomeView {
  const groups = site.groups
    .map((g) => ({ ...g, components: g.components.filter(shownOnHome) }))
    .filter((g) => g.components.length > 0);
  const components = groups.flatMap((g) => g.components);
  return {
    groups,
    components,
    compact: components.length > HOME_BAR_LIMIT,
    recentIncidents: site.incidents
      .filter((i) => i.resolvedAt !== null && i.startedAt >= site.now - RECENT_DAYS * DAY)
      .slice(0, RECENT_LIMIT),
  };
}
