/**
 * The share images of this build, where the site meets the image modules: each page asks for its
 * image (path, hash and alt text) for its meta tags, and the image endpoints beside the pages ask
 * for the PNG. Cards are built once per page kind and id, from the one site model.
 */
import { contentDir } from '../build-env.ts';
import { paths } from '../paths.ts';
import type { SiteModel } from '../model/site.ts';
import { getUi } from '../site-data.ts';
import { altText } from './alt-text.ts';
import { hasOwnImage } from './own-image.ts';
import {
  componentCard,
  homeCard,
  incidentCard,
  type CardContext,
  type ShareCard,
} from './cards.ts';
import { loadFonts } from './fonts.ts';
import { imageMessages } from './image-messages.ts';
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
  return hasOwnImage(site.incidents, id) ? incidentShareImage(id) : homeShareImage();
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

/** The endpoint's answer: the PNG, from the cache or drawn now. */
export async function shareImageResponse(shared: ShareImage): Promise<Response> {
  const { logo } = await context();
  const png = await cachedImage({
    dir: imageCacheDir(),
    hash: shared.hash,
    draw: () => renderCard(shared.card, logo),
    stats: buildImageStats(),
  });
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

/**
 * What the images of one site model share, and its images by key: computed once per model (once
 * per build; again after each change of the content under `astro dev`, which makes a new model).
 */
const perModel = new WeakMap<
  SiteModel,
  { context: ImageContext; images: Map<string, ShareImage> }
>();

async function forModel(): Promise<{ context: ImageContext; images: Map<string, ShareImage> }> {
  const { site, t, fmt } = await getUi();
  let found = perModel.get(site);
  if (!found) {
    const file = site.config.site.logo;
    const logo = file ? loadLogo(contentDir(), file) : null;
    const context = {
      site,
      t,
      fmt,
      m: imageMessages(site.config.site.locale),
      logo,
      logoHash: logo?.hash ?? null,
      fontsHash: loadFonts().hash,
    };
    found = { context, images: new Map() };
    perModel.set(site, found);
  }
  return found;
}

async function context(): Promise<ImageContext> {
  return (await forModel()).context;
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
