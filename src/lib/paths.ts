/**
 * Every URL of the site in one place, relative to the base path. Pages prefix them with the base
 * (`link`), feeds and meta tags make them absolute (`absolute`).
 */

export const paths = {
  home: () => '',
  incident: (id: string) => `incidents/${id}/`,
  component: (id: string) => `components/${id}/`,
  maintenance: (id: string) => `maintenance/${id}/`,
  history: () => 'history/',
  historyMonth: (month: string) => `history/${month}/`,
  /** Anchor of one day in a component page's day-by-day table. */
  componentDay: (id: string, date: string) => `components/${id}/#d${date}`,
};

/** A site path under the base path, e.g. `/status/incidents/x/`. */
export function link(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** An absolute URL from the site URL, the base path and a site path. */
export function absolute(siteUrl: string, base: string, path: string): string {
  return new URL(link(base, path), siteUrl).href;
}
