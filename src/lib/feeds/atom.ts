/** Atom 1.0 (RFC 4287) with `feed`. */
import { Feed } from 'feed';
import type { FeedChannel } from './channel.ts';
import { escapeHtml } from './absolute-html.ts';

/** The channel as an Atom document. */
export function atomFeed(channel: FeedChannel): string {
  const feed = new Feed({
    id: channel.home,
    title: channel.title,
    description: channel.description,
    link: channel.home,
    feed: channel.self.atom,
    language: channel.language,
    updated: new Date(channel.updated),
    author: { name: channel.author.name, link: channel.author.url },
    generator: 'Heliograph',
    ...(channel.icon ? { favicon: channel.icon } : {}),
  });
  for (const e of channel.entries) {
    feed.addItem({
      // `feed` writes titles as type="html", so the text is escaped as HTML once.
      title: escapeHtml(e.title),
      id: e.id,
      link: e.url,
      date: new Date(e.at),
      published: new Date(e.at),
      content: e.html,
    });
  }
  return feed.atom1();
}
