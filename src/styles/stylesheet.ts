/**
 * The site's one stylesheet, as Vite minifies it. The home page carries it inline, so that its
 * first round trip holds everything it needs; every other page links it as a file of its own,
 * fetched once and cached, instead of repeating it in each of thousands of pages. The file is
 * named by a hash of its content, so a changed stylesheet gets a new URL.
 */
import { createHash } from 'node:crypto';
import css from './site.css?inline';

/** The stylesheet's text and the hash that names its file. */
export const stylesheet = {
  css,
  hash: createHash('sha256').update(css).digest('hex').slice(0, 12),
};
