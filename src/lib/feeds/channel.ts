/** A feed before it is written in a format: its title, links and entries, for the site or a component. */
import { paths, type FeedFormat } from '../paths.ts';
import { cleanText } from '../text/clean.ts';
import { feedEntries, type FeedContext, type FeedEntry, type PendingEntry } from './entries.ts';

/**
 * Entries per feed. Readers poll the whole file, so it stays small; a reader that was away longer
 * than that finds the rest on the history pages, on the component's page (every incident that
 * touched it) and in `/api/v2/incidents/all.json`.
 */
export const FEED_LIMITS = {
  /** The site's feeds: 100 entries, a month or more of news on a busy site. */
  site: 100,
  /**
   * A component's feeds: 50. A site has one set per component (three formats each), so these
   * files add up: at 50 components, 100 entries each made a fifth of a large site's bytes.
   */
  component: 50,
} as const;

/** A feed in every format alike. */
export interface FeedChannel {
  title: string;
  description: string;
  /** BCP 47 language of the entries. */
  language: string;
  /** Who publishes it: the site. */
  author: { name: string; url: string };
  /** The page the feed follows (home, or the component's page). */
  home: string;
  /** This feed's own URL in each format (`atom:link rel="self"`, `feed_url`). */
  self: Record<FeedFormat, string>;
  /** Absolute URL of the site's logo, if any. */
  icon: string | undefined;
  /** The newest entry's time (or the site's last change, for want of one). */
  updated: number;
  /** Newest first. */
  entries: FeedEntry[];
}

/** The site's feed, or a component's (only the entries that concern it). */
export function feedChannel(ctx: FeedContext, componentId?: string): FeedChannel {
  const { site, url } = ctx;
  const { title, description, locale, logo } = site.config.site;
  const component = site.components.find((c) => c.id === componentId);
  if (componentId !== undefined && !component) {
    throw new Error(`feedChannel: no component "${componentId}" in the configuration`);
  }
  const limit = component ? FEED_LIMITS.component : FEED_LIMITS.site;
  const entries: PendingEntry[] = [];
  for (const e of feedEntries(ctx)) {
    if (entries.length === limit) break;
    if (!component || e.components.includes(component.id)) entries.push(e);
  }
  const self = (format: FeedFormat): string =>
    url(component ? paths.componentFeed(component.id, format) : paths.feed(format));
  return cleanChannel({
    title: component ? `${component.name} · ${title}` : title,
    description: (component ? component.config.description : description) || title,
    language: locale,
    author: { name: title, url: url(paths.home()) },
    home: url(component ? paths.component(component.id) : paths.home()),
    self: { rss: self('rss'), atom: self('atom'), json: self('json') },
    icon: logo ? url(logo) : undefined,
    // No entry is dated after now (an announcement is dated when it was posted), so the feed
    // changed when its newest entry came.
    updated: entries[0]?.at ?? Math.min(site.updatedAt, site.now),
    entries: entries.map(cleanEntry),
  });
}

/**
 * The last line of defence of the XML feeds: text is cleaned where it comes in (text/clean.ts),
 * and once more here, since a single control character or lone surrogate makes a whole RSS or
 * Atom document ill-formed for every reader, and XML has no escape for them.
 */
function cleanChannel(channel: FeedChannel): FeedChannel {
  return {
    ...channel,
    title: cleanText(channel.title),
    description: cleanText(channel.description),
    author: { ...channel.author, name: cleanText(channel.author.name) },
  };
}

/** Entries as feeds write them, made and cleaned once however many feeds show them. */
const cleaned = new WeakMap<PendingEntry, FeedEntry>();

function cleanEntry(pending: PendingEntry): FeedEntry {
  let entry = cleaned.get(pending);
  if (!entry) {
    const { content, ...fields } = pending;
    const { html, text } = content();
    entry = {
      ...fields,
      title: cleanText(fields.title),
      html: cleanText(html),
      text: cleanText(text),
    };
    cleaned.set(pending, entry);
  }
  return entry;
}
