/**
 * The one sentence for a reference to an id that does not exist (a component, a group, an
 * incident): the closest known id when there is one, and the known ids, so that the person who
 * typed it need not open another file to find the right one.
 */
import { didYouMean } from '../text/closest.ts';

/**
 * Known ids listed in full up to this many; a longer list (a site's incidents) shows this many and
 * counts the rest, so that one typo does not print a thousand names.
 */
export const KNOWN_IDS_LISTED = 20;

/** What was named, and what could have been. */
export interface UnknownId {
  /** What the id names: `component`, `group`, `incident`. */
  what: string;
  id: string;
  known: Iterable<string>;
  /** Where the known ids live, e.g. ` in heliograph.yaml`. */
  where?: string;
}

/** `no component with id "phne" in heliograph.yaml (did you mean "phone"? known ids: website, phone)` */
export function unknownIdMessage({ what, id, known, where = '' }: UnknownId): string {
  const ids = [...known];
  const hint = didYouMean(id, ids)
    .trim()
    .replace(/^\(|\)$/g, '');
  return `no ${what} with id "${id}"${where} (${hint ? `${hint} ` : ''}known ids: ${knownIds(ids)})`;
}

/** `a, b, c`, or the first KNOWN_IDS_LISTED and how many more; `none` for none. */
export function knownIds(ids: readonly string[]): string {
  if (ids.length === 0) return 'none';
  if (ids.length <= KNOWN_IDS_LISTED) return ids.join(', ');
  return `${ids.slice(0, KNOWN_IDS_LISTED).join(', ')} and ${ids.length - KNOWN_IDS_LISTED} more`;
}
