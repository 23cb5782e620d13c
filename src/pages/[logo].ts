/** The site's logo, copied from the content folder (the build's only input) to the site root. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentDir } from '../lib/build-env.ts';
import { getSite } from '../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const { logo } = (await getSite()).config.site;
  return logo ? [{ params: { logo } }] : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(join(contentDir(), String(params['logo']))));
