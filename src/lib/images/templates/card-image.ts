/** The template of each kind of card. */
import type { ShareCard } from '../cards.ts';
import type { Element } from '../elements.ts';
import { componentImage } from './component.ts';
import type { TemplateAssets } from './frame.ts';
import { homeImage } from './home.ts';
import { incidentImage } from './incident.ts';

export type { TemplateAssets } from './frame.ts';

/**
 * Bump when any template, colour or icon changes: it is part of every image's hash, so every
 * image is drawn again once, and links change so that networks fetch the new picture.
 */
export const TEMPLATE_VERSION = 3;

/** The element tree of a card's image. */
export function cardImage(card: ShareCard, assets: TemplateAssets): Element {
  switch (card.kind) {
    case 'home':
      return homeImage(card, assets);
    case 'incident':
      return incidentImage(card, assets);
    case 'component':
      return componentImage(card, assets);
  }
}
