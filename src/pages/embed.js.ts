/** `/embed.js`: the status banner a business puts on its own website (docs/integrations.md, "A status banner on your own site"). */
import type { APIRoute } from 'astro';
import template from '../lib/embed/banner.js?raw';
import { embedScript } from '../lib/embed/script.ts';
import { getUi } from '../lib/site-data.ts';

export const GET: APIRoute = async () => {
  const { site, t } = await getUi();
  return new Response(embedScript(template, site, t), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
};
