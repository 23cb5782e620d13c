/** The home page's share image (also shown for pages without their own). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { homeShareImage, shareImageResponse } from '../lib/images/share-images.ts';

export const getStaticPaths = (async () => [
  { params: { hash: (await homeShareImage()).hash } },
]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => shareImageResponse(await homeShareImage());
