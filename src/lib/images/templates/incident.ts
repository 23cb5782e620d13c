/** An incident's image: its title, impact and latest status, the components it touches, and when it happened. */
import type { IncidentCard } from '../cards.ts';
import { div, type Element } from '../elements.ts';
import { COLOURS, IMPACT_STATUS, statusColour } from '../theme.ts';
import { frame, pill, type TemplateAssets } from './frame.ts';

/** The element tree of an incident's image. */
export function incidentImage(card: IncidentCard, assets: TemplateAssets): Element {
  const impactStatus = IMPACT_STATUS[card.impact];
  const resolved = card.status === 'resolved' || card.status === 'postmortem';
  const affected = card.components
    .map((c) => {
      const name = assets.text(c.name, '…');
      return c.status ? `${name} (${c.status.text})` : name;
    })
    .join(' · ');
  return frame(
    { brand: card.brand, label: card.label, accent: statusColour(impactStatus), assets },
    div(
      {
        fontSize: 54,
        fontWeight: 700,
        lineHeight: 1.15,
        lineClamp: 2,
        overflow: 'hidden',
      },
      assets.text(card.title, card.label),
    ),
    div(
      { display: 'flex', flexWrap: 'wrap', gap: 16 },
      pill(impactStatus, card.impactText, { size: 28, solid: true }),
      pill(resolved ? 'operational' : impactStatus, card.statusText, { size: 28, solid: false }),
    ),
    affected !== '' &&
      div(
        { display: 'block', fontSize: 28, lineHeight: 1.3, lineClamp: 2, overflow: 'hidden' },
        `${card.affectedLabel}: ${affected}`,
      ),
    div({ fontSize: 26, color: COLOURS.muted }, card.span),
  );
}
