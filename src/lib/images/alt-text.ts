/**
 * The `og:image:alt` of each share image: what the picture says, in words, from the same card it
 * is drawn from (with the original text, emoji and all, which the picture may have had to drop).
 */
import { fill } from '../i18n/messages.ts';
import type { ShareCard } from './cards.ts';
import type { ImageMessages } from './image-messages.ts';

/** One or a few sentences describing the image of `card`. */
export function altText(card: ShareCard, m: ImageMessages): string {
  const site = card.brand.title;
  switch (card.kind) {
    case 'home': {
      const counts = card.counts.map((c) => `${c.text}: ${c.count}`).join(', ');
      const text = fill(m.altHome, {
        site,
        indicator: card.indicatorText,
        components: card.componentsLabel,
        counts,
      });
      const delayed = card.delayed === null ? '' : ` ${card.delayed}`;
      if (card.active.length === 0) return `${text}${delayed}`;
      const titles = [...card.active, ...(card.moreActive ? [card.moreActive] : [])].join('; ');
      return `${text}${delayed} ${fill(m.altActive, { label: card.activeLabel, titles })}`;
    }
    case 'incident': {
      const text = fill(m.altIncident, {
        label: card.label,
        site,
        title: card.title,
        impact: card.impactText,
        status: card.statusText,
        span: card.span,
      });
      if (card.components.length === 0) return text;
      const names = card.components
        .map((c) => (c.status ? `${c.name} (${c.status.text})` : c.name))
        .join(', ');
      return `${text} ${fill(m.altAffected, { label: card.affectedLabel, names })}`;
    }
    case 'component':
      return fill(m.altComponent, {
        name: card.name,
        site,
        status: card.status.text,
        uptime: card.uptimeLabel,
        value: card.uptimeText,
      });
  }
}
