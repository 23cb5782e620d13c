// @ts-check
import { defineConfig } from 'astro/config';
import { contentDir } from './src/lib/build-env.ts';
import { loadConfig } from './src/lib/config/load.ts';
import { shareImages } from './src/lib/images/integration.ts';
import { precompressedCopies } from './src/lib/precompress/integration.ts';

// The site URL, the base path and the build options come from content/heliograph.yaml, the one
// place an operator edits.
const { site, build } = loadConfig(contentDir());

export default defineConfig({
  site: site.url,
  base: site.base,
  output: 'static',
  outDir: process.env.HELIOGRAPH_OUT || 'dist',
  // Tests and benchmarks build several sites; each gets its own content-layer cache.
  ...(process.env.HELIOGRAPH_CACHE ? { cacheDir: process.env.HELIOGRAPH_CACHE } : {}),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // No component has a <style> of its own: the one stylesheet is inline on the home page and a
    // shared file elsewhere (src/styles/stylesheet.ts).
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  // Share images: the cache folder, and the "rendered N, reused M" line at the end of a build;
  // then `.gz` and `.br` copies of the text files when `build.precompress` asks for them.
  integrations: [shareImages(), precompressedCopies({ enabled: build.precompress })],
});
