/**
 * The site-wide part of the keys of incident pages (page-key.ts): the configuration and the
 * components' statuses, with the stylesheet's hash (each page links the file it names). Each page
 * adds its own share image to its key: the home page's image, which older incidents show, changes
 * with the site's state and time, and only the pages that show it need to follow it.
 */
import type { SiteModel } from '../model/site.ts';
import { stylesheet } from '../../styles/stylesheet.ts';
import { siteKey } from './page-key.ts';

const made = new WeakMap<SiteModel, string>();

/** The key of what every incident page shows of the site as a whole, made once a model. */
export function everyPageKey(site: SiteModel): string {
  let key = made.get(site);
  if (key === undefined) {
    key = siteKey(site, { stylesheet: stylesheet.hash });
    made.set(site, key);
  }
  return key;
}
