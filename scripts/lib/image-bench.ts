/**
 * The share-image benchmark: the time to draw one image with no cache (in this process, the same
 * modules the build uses), and the time a whole build spends on images for a large generated site,
 * cold (empty cache) then warm (the same content again, every image in the cache), read from the
 * summary line the build prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import {
  componentCard,
  homeCard,
  incidentCard,
  type CardContext,
  type ShareCard,
} from '../../src/lib/images/cards.ts';
import { imageMessages } from '../../src/lib/images/image-messages.ts';
import { parseImageSummary, type ImageStats } from '../../src/lib/images/image-stats.ts';
import { loadLogo, type LogoImage } from '../../src/lib/images/logo.ts';
import { renderCard } from '../../src/lib/images/render.ts';
import type { SiteModel } from '../../src/lib/model/site.ts';
import { buildSite } from './build-site.ts';

/** What the benchmark holds the images to. */
export const IMAGE_TARGETS = {
  /** Drawing one image, cold: 5,000 incidents then take minutes once, and never again. */
  coldMsPerImage: 40,
  /** A rebuild with nothing changed reads every image from the cache in under a second. */
  warmTotalMs: 1000,
};

/** The cards of a site (home, then components, then incidents), and its logo. */
export function cardsOf(
  site: SiteModel,
  content: string,
): { cards: ShareCard[]; logo: LogoImage | null } {
  const { locale, time_zone: tz, logo: file } = site.config.site;
  const logo = file ? loadLogo(content, file) : null;
  const ctx: CardContext = {
    site,
    t: messages(locale),
    m: imageMessages(locale),
    fmt: createFormatter(locale, tz),
    logoHash: logo?.hash ?? null,
  };
  const cards = [
    homeCard(ctx),
    ...site.components.map((c) => componentCard(c, ctx)),
    ...site.incidents.map((i) => incidentCard(i, ctx)),
  ];
  return { cards, logo };
}

/** Per-image drawing times, with no cache. */
export interface RenderTimes {
  count: number;
  medianMs: number;
  maxMs: number;
  /** The first image, which also loads fonts and the layout engine (not in the median). */
  firstMs: number;
}

/** Draws each card once, timing each (the first draw, which loads everything, is run apart). */
export async function timeRenders(
  cards: readonly ShareCard[],
  logo: LogoImage | null,
): Promise<RenderTimes> {
  const [first] = cards;
  if (!first) throw new Error('no cards to draw');
  let started = performance.now();
  await renderCard(first, logo);
  const firstMs = performance.now() - started;
  const times: number[] = [];
  for (const card of cards) {
    started = performance.now();
    await renderCard(card, logo);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, medianMs: median(times), maxMs: times.at(-1) ?? 0, firstMs };
}

/** Images of one build, as its summary line reports them, and the build's own time. */
export type BuildImages = Pick<ImageStats, 'rendered' | 'reused' | 'renderMs' | 'reuseMs'> & {
  buildMs: number;
};

/** A site built twice with an empty cache folder of its own: cold, then warm. */
export async function coldAndWarm(options: {
  content: string;
  dir: string;
  now: string;
}): Promise<{ cold: BuildImages; warm: BuildImages }> {
  const cache = mkdtempSync(join(options.dir, 'image-cache-'));
  const before = process.env['HELIOGRAPH_IMAGE_CACHE'];
  process.env['HELIOGRAPH_IMAGE_CACHE'] = cache;
  try {
    const build = async (): Promise<BuildImages> => {
      const result = await buildSite({
        content: options.content,
        out: join(options.dir, 'dist'),
        now: options.now,
      });
      const images = parseImageSummary(result.output);
      if (!images)
        throw new Error(`the build of ${options.content} printed no share-image summary`);
      return { ...images, buildMs: result.ms };
    };
    const cold = await build();
    const warm = await build();
    return { cold, warm };
  } finally {
    if (before === undefined) delete process.env['HELIOGRAPH_IMAGE_CACHE'];
    else process.env['HELIOGRAPH_IMAGE_CACHE'] = before;
    rmSync(cache, { recursive: true, force: true });
  }
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
