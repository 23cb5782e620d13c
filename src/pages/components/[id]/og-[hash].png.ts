/** Each component's share image, beside its page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { componentShareImage, shareImageResponse } from '../../../lib/images/share-images.ts';
import { getSite } from '../../../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const site = await getSite();
  return Promise.all(
    site.components.map(async ({ id }) => ({
      params: { id, hash: (await componentShareImage(id)).hash },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  shareImageResponse(await componentShareImage(String(params['id'])));
