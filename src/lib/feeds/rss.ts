/**
 * RSS 2.0 with @astrojs/rss. It has no option for the channel's `atom:link rel="self"`, language
 * or build date, so they go in through `customData`; each item's guid is its permalink.
 */
import { getRssString } from '@astrojs/rss';
import type { FeedChannel } from './channel.ts';
import { escapeHtml } from './absolute-html.ts';

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** The channel as an RSS 2.0 document. */
export function rssFeed(channel: FeedChannel): Promise<string> {
  const updated = new Date(channel.updated).toUTCString();
  return getRssString({
    title: channel.title,
    description: channel.description,
    site: channel.home,
    xmlns: { atom: ATOM_NS },
    customData: [
      `<language>${escapeHtml(channel.language)}</language>`,
      `<lastBuildDate>${updated}</lastBuildDate>`,
      `<atom:link href="${escapeHtml(channel.self.rss)}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    items: channel.entries.map((e) => ({
      title: e.title,
      link: e.url,
      pubDate: new Date(e.at),
      description: e.text,
      content: e.html,
    })),
  });
}
