/** The API endpoints' shared part: each route file names its file and hands over to this. */
import type { APIRoute } from 'astro';
import type { ApiFile } from '../paths.ts';
import { getSite } from '../site-data.ts';
import { apiJson } from './documents.ts';

/** The endpoint of one API file. */
export function apiRoute(file: ApiFile): APIRoute {
  return async () =>
    new Response(apiJson(await getSite(), file), {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
}
