/** A component's image: its name and status, its 90-day uptime, and the 90-day bar. */
import type { ComponentCard } from '../cards.ts';
import { div, type Element } from '../elements.ts';
import { COLOURS, DAY_STYLE, statusColour } from '../theme.ts';
import { frame, pill, type TemplateAssets } from './frame.ts';

/** Height of the 90-day bar, in pixels. */
const BAR_HEIGHT = 64;

/** The element tree of a component's image. */
export function componentImage(card: ComponentCard, assets: TemplateAssets): Element {
  return frame(
    { brand: card.brand, label: null, accent: statusColour(card.status.status), assets },
    div(
      { display: 'flex', flexDirection: 'column', gap: 4 },
      card.group !== null &&
        div({ fontSize: 28, color: COLOURS.muted }, assets.text(card.group, '…')),
      div(
        {
          fontSize: 60,
          fontWeight: 700,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        },
        assets.text(card.name, '…'),
      ),
    ),
    div(
      { display: 'flex', alignItems: 'center', gap: 32 },
      pill(card.status.status, card.status.text, { size: 30, solid: true }),
      div(
        { display: 'flex', alignItems: 'baseline', gap: 14 },
        div({ fontSize: 26, color: COLOURS.muted }, `${card.uptimeLabel}:`),
        div({ fontSize: 40, fontWeight: 700 }, card.uptimeText),
      ),
    ),
    div(
      { display: 'flex', flexDirection: 'column', gap: 8 },
      div(
        { display: 'flex', alignItems: 'flex-end', gap: 2, height: BAR_HEIGHT },
        ...card.days.map((level) => {
          const day = DAY_STYLE[level];
          return div({
            flexGrow: 1,
            flexBasis: 0,
            height: Math.round(BAR_HEIGHT * day.height),
            backgroundColor: day.colour,
            borderRadius: 2,
            ...(level === 'nodata' ? { border: `2px solid ${COLOURS.line}` } : {}),
          });
        }),
      ),
      div(
        { display: 'flex', justifyContent: 'space-between', fontSize: 22, color: COLOURS.muted },
        div({}, card.daysFrom),
        div({}, card.daysTo),
      ),
    ),
  );
}
