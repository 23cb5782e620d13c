/**
 * The home page's image: the page status in a large banner, the components by status, and the
 * incidents under way.
 */
import type { HomeCard } from '../cards.ts';
import { div, type Element } from '../elements.ts';
import { INDICATOR_STATUS } from '../../status.ts';
import { COLOURS, statusColour, statusIcon } from '../theme.ts';
import { frame, pill, type TemplateAssets } from './frame.ts';

/** The element tree of the home image. */
export function homeImage(card: HomeCard, assets: TemplateAssets): Element {
  const status = INDICATOR_STATUS[card.indicator];
  const colour = statusColour(status);
  const label = (text: string): Element =>
    div({ fontSize: 24, fontWeight: 700, color: COLOURS.muted }, text);
  return frame(
    { brand: card.brand, label: null, accent: colour, assets },
    div(
      {
        display: 'flex',
        alignItems: 'center',
        gap: 24,
        padding: '20px 32px',
        borderRadius: 20,
        backgroundColor: colour,
        color: '#ffffff',
        flexShrink: 0,
      },
      statusIcon(status, 64, { fill: '#ffffff', mark: colour }),
      div({ fontSize: 50, fontWeight: 700, lineHeight: 1.15, flexShrink: 1 }, card.indicatorText),
    ),
    card.delayed !== null &&
      div({ fontSize: 28, fontWeight: 700, color: COLOURS.muted, flexShrink: 0 }, card.delayed),
    div(
      { display: 'flex', flexDirection: 'column', gap: 10, flexShrink: 0 },
      label(card.componentsLabel),
      div(
        { display: 'flex', flexWrap: 'wrap', gap: 12 },
        ...card.counts.map((c) =>
          pill(c.status, `${c.text}: ${c.count}`, { size: 24, solid: false }),
        ),
      ),
    ),
    card.active.length > 0 &&
      div(
        { display: 'flex', flexDirection: 'column', gap: 4 },
        label(card.moreActive ? `${card.activeLabel} · ${card.moreActive}` : card.activeLabel),
        ...card.active.map((title) =>
          div(
            {
              fontSize: 28,
              fontWeight: 700,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            },
            assets.text(title, '…'),
          ),
        ),
      ),
  );
}
