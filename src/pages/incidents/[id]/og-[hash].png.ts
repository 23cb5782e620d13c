/** Each incident's share image, beside its page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { isRecent } from '../../../lib/model/recent.ts';
import { incidentShareImage, shareImageResponse } from '../../../lib/images/share-images.ts';
import { getSite } from '../../../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const site = await getSite();
  return Promise.all(
    site.incidents
      .filter(({ id }) => isRecent(site.incidents, id))
      .map(async ({ id }) => ({
        params: { id, hash: (await incidentShareImage(id)).hash },
      })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  shareImageResponse(await incidentShareImage(String(params['id'])));
