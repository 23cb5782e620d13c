/**
 * Words of the share images and their alt text that the site's messages do not already have, in
 * the site's three languages. The alt text is one sentence (or a few) that says what the picture
 * shows, for people who cannot see it and for networks that show it instead of the image.
 */
import type { Locale } from '../config/schema.ts';

const en = {
  /** The home image: the page status, the components by status, the incidents under way. */
  altHome: 'Status of {site}: {indicator}. {components}: {counts}.',
  altActive: '{label}: {titles}.',
  /** An incident image. */
  altIncident: '{label} at {site}: {title}. {impact}, {status}. {span}.',
  altAffected: '{label}: {names}.',
  /** A component image. */
  altComponent: '{name} at {site}: {status}. {uptime}: {value}.',
  /** More items than the image has room for. */
  more: '+{n} more',
};

/** The image messages of one language. */
export type ImageMessages = typeof en;

const it: ImageMessages = {
  altHome: 'Stato di {site}: {indicator}. {components}: {counts}.',
  altActive: '{label}: {titles}.',
  altIncident: '{label} su {site}: {title}. {impact}, {status}. {span}.',
  altAffected: '{label}: {names}.',
  altComponent: '{name} su {site}: {status}. {uptime}: {value}.',
  more: '+{n} altri',
};

const fr: ImageMessages = {
  altHome: 'État de {site} : {indicator}. {components} : {counts}.',
  altActive: '{label} : {titles}.',
  altIncident: '{label} sur {site} : {title}. {impact}, {status}. {span}.',
  altAffected: '{label} : {names}.',
  altComponent: '{name} sur {site} : {status}. {uptime} : {value}.',
  more: '+{n} autres',
};

const MESSAGES: Record<Locale, ImageMessages> = { en, it, fr };

/** The image messages of a language. */
export function imageMessages(locale: Locale): ImageMessages {
  return MESSAGES[locale];
}
