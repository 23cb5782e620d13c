/**
 * What every share image has: a stripe in the colour of the news, the site's logo and name at the
 * top, its address at the bottom, and status pills (icon and words on the status colour).
 */
import type { ComponentStatus } from '../../status.ts';
import type { Brand } from '../cards.ts';
import { div, el, type Child, type Element } from '../elements.ts';
import { FONT_FAMILY } from '../fonts.ts';
import { COLOURS, IMAGE_HEIGHT, IMAGE_WIDTH, statusColour, statusIcon } from '../theme.ts';

/** What templates need besides their card. */
export interface TemplateAssets {
  /** The logo as a data URI, when the site has one. */
  logo: string | null;
  /** Text the fonts can draw (see renderable-text.ts); `fallback` when nothing readable is left. */
  text: (text: string, fallback?: string) => string;
}

/**
 * The page: stripe, header with logo, name and label, the content, the host at the bottom. Long
 * because it is one element tree, written top to bottom as the image shows it.
 */
export function frame(
  options: { brand: Brand; label: string | null; accent: string; assets: TemplateAssets },
  ...content: (Child | false | undefined)[]
): Element {
  const { brand, label, accent, assets } = options;
  return div(
    {
      width: IMAGE_WIDTH,
      height: IMAGE_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: COLOURS.background,
      color: COLOURS.text,
      fontFamily: FONT_FAMILY,
      fontSize: 28,
    },
    // Header, stripe and footer keep their size; only the content gives way (and is clipped).
    div({ height: 16, flexShrink: 0, backgroundColor: accent }),
    div(
      {
        display: 'flex',
        flexDirection: 'column',
        flexGrow: 1,
        minHeight: 0,
        padding: '40px 72px 36px',
      },
      div(
        { display: 'flex', alignItems: 'center', gap: 20, flexShrink: 0 },
        assets.logo !== null &&
          el('img', {
            src: assets.logo,
            width: 56,
            height: 56,
            style: { width: 56, height: 56, flexShrink: 0 },
          }),
        div(
          {
            fontSize: 32,
            fontWeight: 700,
            flexGrow: 1,
            flexShrink: 1,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          },
          assets.text(brand.title, brand.host),
        ),
        label !== null &&
          div(
            {
              fontSize: 24,
              fontWeight: 700,
              color: COLOURS.muted,
              textTransform: 'uppercase',
              letterSpacing: 2,
            },
            assets.text(label),
          ),
      ),
      div(
        {
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          justifyContent: 'center',
          gap: 24,
          minHeight: 0,
          overflow: 'hidden',
        },
        ...content,
      ),
      div(
        {
          display: 'flex',
          fontSize: 24,
          color: COLOURS.muted,
          borderTop: `2px solid ${COLOURS.line}`,
          paddingTop: 16,
          flexShrink: 0,
        },
        assets.text(brand.host),
      ),
    ),
  );
}

/** A status in words with its icon: white on the status colour, or the colour on white. */
export function pill(
  status: ComponentStatus | undefined,
  text: string,
  options: { size: number; solid: boolean },
): Element {
  const colour = statusColour(status);
  const { size, solid } = options;
  return div(
    {
      display: 'flex',
      alignItems: 'center',
      gap: Math.round(size * 0.4),
      padding: `${Math.round(size * 0.3)}px ${Math.round(size * 0.6)}px`,
      borderRadius: Math.round(size * 0.4),
      border: `3px solid ${colour}`,
      backgroundColor: solid ? colour : COLOURS.background,
      color: solid ? '#ffffff' : COLOURS.text,
      fontSize: size,
      fontWeight: 700,
    },
    statusIcon(status, Math.round(size * 1.1), {
      fill: solid ? '#ffffff' : colour,
      mark: solid ? colour : '#ffffff',
    }),
    text,
  );
}
