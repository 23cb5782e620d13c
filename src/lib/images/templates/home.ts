/** The home page's image: the page status in a large banner, the components by status, and the incidents under way. */
import type { HomeCard } from '../cards.ts';
import { div, type Element } from '../elements.ts';
import { COLOURS, INDICATOR_STATUS, statusColour, statusIcon } from '../theme.ts';
import { frame, pill, type TemplateAssets } from './frame.ts';

export function homeImage(card: HomeCard, assets: TemplateAssets): Element {
  const status = INDICATOR_STATUS[card.indicator];
  const colour = statusColour(status);
  return frame(
    { brand: card.brand, label: null, accent: colour, assets },
    div(
      {
        display: 'flex',
        alignItems: 'center',
        gap: 28,
        padding: '26px 36px',
        borderRadius: 20,
        backgroundColor: colour,
        color: '#ffffff',
      },
      statusIcon(status, 76, { fill: '#ffffff', mark: colour }),
      div({ fontSize: 54, fontWeight: 700, lineHeight: 1.15, flexShrink: 1 }, card.indicatorText),
    ),
    div(
      { display: 'flex', flexDirection: 'column', gap: 14 },
      div({ fontSize: 26, fontWeight: 700, color: COLOURS.muted }, card.componentsLabel),
      div(
        { display: 'flex', flexWrap: 'wrap', gap: 14 },
        ...card.counts.map((c) =>
          pill(c.status, `${c.text}: ${c.count}`, { size: 26, solid: false }),
        ),
      ),
    ),
    card.active.length > 0 &&
      div(
        { display: 'flex', flexDirection: 'column', gap: 6 },
        div({ fontSize: 26, fontWeight: 700, color: COLOURS.muted }, card.activeLabel),
        ...[
          ...card.active.map((title) => assets.text(title, '…')),
          ...(card.moreActive ? [card.moreActive] : []),
        ].map((line) =>
          div(
            {
              fontSize: 30,
              fontWeight: 700,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            },
            line,
          ),
        ),
      ),
  );
}
