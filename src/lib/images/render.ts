/**
 * Draws a card: satori lays it out into SVG with the bundled fonts (text becomes paths), resvg
 * rasterises it into a 1200×630 PNG. Every text is first reduced to what the fonts can draw, so
 * satori never meets a character without a glyph; should one slip through, its request for more
 * fonts is answered at once with none (the build has no network): a box, never a failure or a wait.
 */
import { Resvg } from '@resvg/resvg-js';
import satori, { type SatoriOptions } from 'satori';
import type { ShareCard } from './cards.ts';
import type { Child, Element } from './elements.ts';
import { loadFonts } from './fonts.ts';
import type { LogoImage } from './logo.ts';
import { drawableText, renderableText } from './renderable-text.ts';
import { cardImage } from './templates/card-image.ts';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './theme.ts';

/** The PNG of a card. */
export async function renderCard(card: ShareCard, logo: LogoImage | null): Promise<Buffer> {
  const { covers } = loadFonts();
  const tree = cardImage(card, {
    logo: logo?.dataUri ?? null,
    text: (text, fallback = '') => renderableText(text, covers) || fallback,
  });
  const svg = await satori(drawable(tree, covers), satoriOptions());
  return new Resvg(svg, {
    fitTo: { mode: 'original' },
    // Text is already paths; skipping the system font scan saves time and keeps output the same
    // on every machine.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
}

/** Satori's options for every image: size, the bundled fonts, and no font from elsewhere. */
export function satoriOptions(): SatoriOptions {
  return {
    width: IMAGE_WIDTH,
    height: IMAGE_HEIGHT,
    fonts: loadFonts().fonts,
    loadAdditionalAsset: () => Promise.resolve([]),
  };
}

/** The tree with every text reduced to what the fonts can draw. */
function drawable(node: Element, covers: (codePoint: number) => boolean): Element {
  const children = node.props.children?.map((c: Child): Child =>
    typeof c === 'string' ? drawableText(c, covers) : drawable(c, covers),
  );
  return children ? { ...node, props: { ...node.props, children } } : node;
}
