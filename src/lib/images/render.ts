/**
 * Draws a card: satori lays it out into SVG with the bundled fonts (text becomes paths), resvg
 * rasterises it into a 1200×630 PNG. Text is first reduced to what the fonts can draw, and
 * satori's request for more fonts is answered with none, at once: the build has no network, and
 * a missing glyph must neither throw nor wait.
 */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { ShareCard } from './cards.ts';
import { loadFonts } from './fonts.ts';
import type { LogoImage } from './logo.ts';
import { renderableText } from './renderable-text.ts';
import { cardImage } from './templates/card-image.ts';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './theme.ts';

/** The PNG of a card. */
export async function renderCard(card: ShareCard, logo: LogoImage | null): Promise<Buffer> {
  const { fonts, covers } = loadFonts();
  const tree = cardImage(card, {
    logo: logo?.dataUri ?? null,
    text: (text, fallback = '') => renderableText(text, covers) || fallback,
  });
  const svg = await satori(tree, {
    width: IMAGE_WIDTH,
    height: IMAGE_HEIGHT,
    fonts,
    // Anything left that no font has (text here is already filtered) gets no font: satori then
    // leaves it out instead of failing or fetching.
    loadAdditionalAsset: () => Promise.resolve([]),
  });
  return new Resvg(svg, {
    fitTo: { mode: 'original' },
    // Text is already paths; skipping the system font scan saves time and keeps output the same
    // on every machine.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
}
