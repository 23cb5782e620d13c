/**
 * The share images of this build, where the site meets the image modules: each page asks for its
 * image (path, hash and alt text) for its meta tags, and the image endpoints beside the pages ask
 * for the PNG. Cards are built once per page kind and id, from the one site model.
 *
 * Images not in the cache are drawn on other cores: as soon as the first page asks for an image,
 * every image the site will need and the cache lacks is handed to a pool of worker threads
 * (draw-pool.ts), which draw while the main thread renders pages; an endpoint then waits for its
 * own. `HELIOGRAPH_IMAGE_WORKERS=0` draws each image in the build's own thread when its endpoint
 * asks, which gives the same bytes.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { contentDir } from '../build-env.ts';
import { paths } from '../paths.ts';
import type { SiteModel } from '../model/site.ts';
import { getUi } from '../site-data.ts';
import { altText } from './alt-text.ts';
import { isRecent } from '../model/recent.ts';
import {
  componentCard,
  homeCard,
  incidentCard,
  type CardContext,
  type ShareCard,
} from './cards.ts';
import { loadFonts } from './fonts.ts';
import { imageMessages } from './image-messages.ts';
import { drawPool, type DrawPool } from './draw-pool.ts';
import { cachedImage, imageCacheDir, imageHash } from './image-cache.ts';
import { buildImageStats } from './image-stats.ts';
import { loadLogo, type LogoImage } from './logo.ts';
import { renderCard } from './render.ts';
import { TEMPLATE_VERSION } from './templates/card-image.ts';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './theme.ts';

/** A page's share image, as its meta tags need it. */
export interface ShareImage {
  /** Site path of the PNG (the hash is in it). */
  path: string;
  hash: string;
  /** What the picture shows, in words (`og:image:alt`). */
  alt: string;
  width: number;
  height: number;
  card: ShareCard;
}

/** The home page's image; also the image of pages without their own. */
export function homeShareImage(): Promise<ShareImage> {
  return memo('home', (ctx) => image(homeCard(ctx), ctx, paths.homeImage));
}

/** The image an incident's page shows: its own, or the home image for an old incident. */
export function incidentPageImage(site: SiteModel, id: string): Promise<ShareImage> {
  return isRecent(site.incidents, id) ? incidentShareImage(id) : homeShareImage();
}

/** An incident's image. */
export function incidentShareImage(id: string): Promise<ShareImage> {
  return memo(`incident/${id}`, (ctx) => {
    const incident = ctx.site.incidents.find((i) => i.id === id);
    if (!incident) throw new Error(`no incident "${id}" for a share image`);
    return image(incidentCard(incident, ctx), ctx, (hash) => paths.incidentImage(id, hash));
  });
}

/** A component's image. */
export function componentShareImage(id: string): Promise<ShareImage> {
  return memo(`component/${id}`, (ctx) => {
    const component = ctx.site.components.find((c) => c.id === id);
    if (!component) throw new Error(`no component "${id}" for a share image`);
    return image(componentCard(component, ctx), ctx, (hash) => paths.componentImage(id, hash));
  });
}

/** The endpoint's answer: the PNG, from the cache, from the workers, or drawn now. */
export async function shareImageResponse(shared: ShareImage): Promise<Response> {
  const model = await forModel();
  const png = await pngOf(shared, model);
  // Its page is the only one that asks: the PNG need not stay in memory.
  model.drawings.delete(shared.hash);
  // A copy typed as plain bytes, which `Response` accepts (a Buffer may share its memory).
  return new Response(new Uint8Array(png), {
    headers: { 'Content-Type': 'image/png' },
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface ImageContext extends CardContext {
  logo: LogoImage | null;
  fontsHash: string;
}

/** What the images of one site model share, its images by key, and its PNGs being drawn. */
interface ModelImages {
  context: ImageContext;
  images: Map<string, ShareImage>;
  /** PNGs drawn or being drawn, by hash, until their endpoint takes them. */
  drawings: Map<string, Promise<Buffer>>;
}

/**
 * Computed once per model (once per build; again after each change of the content under
 * `astro dev`, which makes a new model).
 */
const perModel = new WeakMap<SiteModel, ModelImages>();
/** The worker threads, started with the first model that has images to draw. */
let pool: DrawPool | undefined;

async function forModel(): Promise<ModelImages> {
  const { site, t, fmt } = await getUi();
  let found = perModel.get(site);
  if (!found) {
    const file = site.config.site.logo;
    const logo = file ? loadLogo(contentDir(), file) : null;
    const context: ImageContext = {
      site,
      t,
      fmt,
      m: imageMessages(site.config.site.locale),
      logo,
      logoHash: logo?.hash ?? null,
      fontsHash: loadFonts().hash,
    };
    found = { context, images: new Map(), drawings: new Map() };
    perModel.set(site, found);
    const workers = drawWorkers();
    if (workers) {
      pool ??= drawPool(workers);
      drawAhead(found);
    }
  }
  return found;
}

/**
 * How many worker threads draw images, and the file they run: one per core the main thread
 * leaves free, two at most (each holds its own fonts and layout engine, some 60 MB); none when
 * `HELIOGRAPH_IMAGE_WORKERS` is 0, or when the build did not say where the worker file is (the
 * integration does: images/integration.ts).
 */
function drawWorkers(): { size: number; workerFile: string } | undefined {
  const workerFile = process.env['HELIOGRAPH_IMAGE_WORKER_FILE'];
  const asked = process.env['HELIOGRAPH_IMAGE_WORKERS'];
  const size = asked ? Number(asked) : Math.min(2, availableParallelism() - 1);
  if (!workerFile || !Number.isSafeInteger(size) || size < 1) return undefined;
  return { size, workerFile };
}

/** Hands every image the site needs and the cache lacks to the workers, without waiting. */
function drawAhead(model: ModelImages): void {
  const { site } = model.context;
  const wanted = [
    homeShareImage(),
    ...site.components.map((c) => componentShareImage(c.id)),
    ...site.incidents
      .filter((i) => isRecent(site.incidents, i.id))
      .map((i) => incidentShareImage(i.id)),
  ];
  const dir = imageCacheDir();
  for (const shared of wanted) {
    void shared.then((s) => {
      if (existsSync(join(dir, `${s.hash}.png`))) return;
      // Its endpoint waits for the same promise, and reports a failure there.
      pngOf(s, model).catch(() => undefined);
    });
  }
}

/** The PNG of an image: one drawing per hash, whoever asks first. */
function pngOf(shared: ShareImage, model: ModelImages): Promise<Buffer> {
  let png = model.drawings.get(shared.hash);
  if (!png) {
    const { logo } = model.context;
    png = cachedImage({
      dir: imageCacheDir(),
      hash: shared.hash,
      draw: () => (pool ? pool.draw(shared.card, logo) : renderCard(shared.card, logo)),
      stats: buildImageStats(),
    });
    model.drawings.set(shared.hash, png);
  }
  return png;
}

async function memo(key: string, make: (ctx: ImageContext) => ShareImage): Promise<ShareImage> {
  const { context, images } = await forModel();
  let found = images.get(key);
  if (!found) {
    found = make(context);
    images.set(key, found);
  }
  return found;
}

function image(card: ShareCard, ctx: ImageContext, path: (hash: string) => string): ShareImage {
  const hash = imageHash(card, { template: TEMPLATE_VERSION, fonts: ctx.fontsHash });
  return {
    path: path(hash),
    hash,
    alt: altText(card, ctx.m),
    width: IMAGE_WIDTH,
    height: IMAGE_HEIGHT,
    card,
  };
}
