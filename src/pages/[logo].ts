/** The site's logo, copied from the content folder (the build's only input) to the site root. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { contentDir } from '../lib/build-env.ts';
import { readLogo } from '../lib/images/logo.ts';
import { getSite } from '../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const { logo } = (await getSite()).config.site;
  return logo ? [{ params: { logo } }] : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(new Uint8Array(readLogo(contentDir(), String(params['logo']))));
