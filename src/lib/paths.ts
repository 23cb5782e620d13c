/**
 * Every URL of the site in one place, relative to the base path. Pages prefix them with the base
 * (`link`), feeds and meta tags make them absolute (`absolute`).
 */

export const paths = {
  home: () => '',
  incident: (id: string) => `incidents/${id}/`,
  component: (id: string) => `components/${id}/`,
  maintenance: (id: string) => `maintenance/${id}/`,
  group: (id: string) => `groups/${id}/`,
  /** A group page's day-by-day table. */
  groupDays: (id: string) => `groups/${id}/#days`,
  history: () => 'history/',
  /** Every share text of an incident's updates, for tools. */
  shareJson: (id: string) => `share/${id}.json`,
  historyMonth: (month: string) => `history/${month}/`,
  /** A component page's day-by-day table. */
  componentDays: (id: string) => `components/${id}/#days`,
  /** What the site publishes for tools: the API, badges, the embed banner, feeds. */
  developers: () => 'developers/',
  /** The site's feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1. */
  feed: (format: FeedFormat) => FEED_FILES[format],
  /** A component's own feeds. */
  componentFeed: (id: string, format: FeedFormat) => `components/${id}/${FEED_FILES[format]}`,
  /** The status banner a business puts on its own website. */
  embed: () => 'embed.js',
  /** Every maintenance window as iCalendar. */
  calendar: () => 'maintenance.ics',
  /** A file of the Statuspage-compatible API, e.g. `summary.json`. */
  api: (file: ApiFile) => `api/v2/${file}`,
  /** A component's badge: SVG, or shields.io endpoint JSON beside it. */
  badge: (id: string, kind: BadgeKind, format: 'svg' | 'json') => `badges/${id}/${kind}.${format}`,
  /** The stylesheet of every page but the home page; `hash` names its content. */
  stylesheet: (hash: string) => `site-${hash}.css`,
  /** Share images; `hash` names their content, so a changed image gets a new URL. */
  homeImage: (hash: string) => `og-${hash}.png`,
  incidentImage: (id: string, hash: string) => `incidents/${id}/og-${hash}.png`,
  componentImage: (id: string, hash: string) => `components/${id}/og-${hash}.png`,
};

/** A site path under the base path, e.g. `/status/incidents/x/`. */
export function link(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** An absolute URL from the site URL, the base path and a site path. */
export function absolute(siteUrl: string, base: string, path: string): string {
  return new URL(link(base, path), siteUrl).href;
}

/** Feed formats the site publishes. */
export type FeedFormat = 'rss' | 'atom' | 'json';

const FEED_FILES: Record<FeedFormat, string> = {
  rss: 'rss.xml',
  atom: 'atom.xml',
  json: 'feed.json',
};

/** Files under `/api/v2/`: Statuspage's, plus the complete histories (no 50-item cap). */
export const API_FILES = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'incidents/all.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
  'scheduled-maintenances/all.json',
] as const;
export type ApiFile = (typeof API_FILES)[number];

/** Badges per component. */
export const BADGE_KINDS = ['status', 'uptime', 'response-time'] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/**
 * Every URL of the subscription service (`npm run subscribers -- serve`), relative to its base URL
 * (`subscriptions.url`): the page's form, the links in its e-mails and the notify target use these.
 */
export const servicePaths = {
  /** The sign-up form posts here. */
  subscribe: () => 'subscribe',
  /** The link in the confirmation e-mail (a page with a button; the button posts back). */
  confirm: () => 'confirm',
  /** One-click unsubscribe (RFC 8058 POST), and the page the e-mail's link opens. */
  unsubscribe: () => 'unsubscribe',
  /** The page where a subscriber chooses components. */
  preferences: () => 'preferences',
  /** Signed events from `npm run notify`. */
  events: () => 'events',
  /** The public count of confirmed subscribers. */
  count: () => 'count.json',
  health: () => 'health',
  /** Admin: every subscriber as CSV (bearer token). */
  export: () => 'admin/export.csv',
  /** Admin: add subscribers from CSV (bearer token). */
  import: () => 'admin/import',
  /** Admin: erase an address (bearer token). */
  forget: () => 'admin/forget',
};

/** An absolute URL of the service: its base URL (a path in it is kept), a service path, a query. */
export function serviceUrl(
  base: string,
  path: string,
  query: Readonly<Record<string, string>> = {},
): string {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}
