/** The `page` object every API document starts with, and the context the other builders share. */
import { createHash } from 'node:crypto';
import type { SiteModel } from '../model/site.ts';
import { absolute, paths } from '../paths.ts';
import { INDICATOR_DESCRIPTIONS } from '../status.ts';
import type { ApiPage, ApiStatus, ApiTime } from './types.ts';

/** What every builder of the API needs: the model, its page object and absolute URLs. */
export interface ApiContext {
  site: SiteModel;
  page: ApiPage;
  /** The absolute URL of a site path. */
  url: (path: string) => string;
}

/** Builds the context once per build. */
export function apiContext(site: SiteModel): ApiContext {
  const { url, base } = site.config.site;
  const toUrl = (path: string): string => absolute(url, base, path);
  return {
    site,
    url: toUrl,
    page: {
      id: pageId(url, base),
      name: site.config.site.title,
      url: toUrl(paths.home()),
      time_zone: site.config.site.time_zone,
      // The model counts an upcoming window's start as a change; a page is never updated in the future.
      updated_at: apiTime(Math.min(site.updatedAt, site.now)),
    },
  };
}

/**
 * A page id that stays the same for as long as the site stays where it is: 12 hex digits of a
 * hash of its URL and base path (Statuspage's ids are 12 characters too).
 */
export function pageId(siteUrl: string, base: string): string {
  return createHash('sha256')
    .update(absolute(siteUrl, base, ''))
    .digest('hex')
    .slice(0, 12);
}

/** The page indicator with Statuspage's English description (clients match on these words). */
export function apiStatus(site: SiteModel): ApiStatus {
  return { indicator: site.indicator, description: INDICATOR_DESCRIPTIONS[site.indicator] };
}

/** An instant as ISO 8601 in UTC. */
export function apiTime(instant: number): ApiTime {
  return new Date(instant).toISOString();
}
