/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Written here rather than with `feed`,
 * whose JSON output is version 1.0 (no `language`, a single `author`): the format is plain JSON.
 */
import type { FeedChannel } from './channel.ts';

/** The channel as a JSON Feed 1.1 document. */
export function jsonFeed(channel: FeedChannel): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.home,
    feed_url: channel.self.json,
    description: channel.description,
    ...(channel.icon ? { favicon: channel.icon } : {}),
    authors: [channel.author],
    language: channel.language,
    items: channel.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.html,
      summary: e.text,
      date_published: new Date(e.at).toISOString(),
    })),
  });
}
