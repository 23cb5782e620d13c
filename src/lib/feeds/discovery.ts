/** Feed discovery (`<link rel="alternate">` in every page's head): the site's feeds, and a component's. */
import type { SiteModel } from '../model/site.ts';
import { paths, type FeedFormat } from '../paths.ts';

/** One `<link rel="alternate">`. */
export interface FeedLink {
  type: string;
  title: string;
  /** Site path under the base. */
  href: string;
}

const FORMATS: readonly { format: FeedFormat; type: string; name: string }[] = [
  { format: 'rss', type: 'application/rss+xml', name: 'RSS' },
  { format: 'atom', type: 'application/atom+xml', name: 'Atom' },
  { format: 'json', type: 'application/feed+json', name: 'JSON Feed' },
];

/** The site's three feeds, then the component's own when a page is about one. */
export function feedLinks(
  site: SiteModel,
  href: (path: string) => string,
  componentId?: string,
): FeedLink[] {
  const title = site.config.site.title;
  const component = site.components.find((c) => c.id === componentId);
  return [
    ...FORMATS.map(({ format, type, name }) => ({
      type,
      title: `${title} (${name})`,
      href: href(paths.feed(format)),
    })),
    ...(component
      ? FORMATS.map(({ format, type, name }) => ({
          type,
          title: `${component.name} · ${title} (${name})`,
          href: href(paths.componentFeed(component.id, format)),
        }))
      : []),
  ];
}
