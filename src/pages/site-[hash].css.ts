/** `/site-<hash>.css`: the stylesheet of every page but the home page (src/styles/stylesheet.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { stylesheet } from '../styles/stylesheet.ts';

export const getStaticPaths = (() => [
  { params: { hash: stylesheet.hash } },
]) satisfies GetStaticPaths;

export const GET: APIRoute = () =>
  new Response(stylesheet.css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
