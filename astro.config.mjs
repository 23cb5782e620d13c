// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { contentDir } from './src/lib/build-env.ts';
import { loadConfig } from './src/lib/config/load.ts';
import { shareImages } from './src/lib/images/integration.ts';
import { precompressedCopies } from './src/lib/precompress/integration.ts';
import { ContentError, formatProblems } from './src/lib/validation/friendly-errors.ts';

/**
 * The site URL, the base path and the build options come from content/heliograph.yaml, the one place an operator edits.
 * An invalid file stops here with its list of problems: thrown, it would reach the person as
 * "Unable to load your Astro config" and a stack trace, which say nothing about the file.
 */
function siteSettings() {
  try {
    return loadConfig(contentDir());
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.error(formatProblems(error.problems));
    process.exit(1);
  }
}
const { site, build } = siteSettings();

const PROJECT = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
/** Folders of the project that programs write (.gitignore), not people. */
const WRITTEN_HERE = ['dist', '.cache', '.example', 'coverage', 'data', 'test-results'];

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
  // A rebuild copies each incident page whose key (src/lib/build-cache/page-key.ts) and code are
  // those of the last build instead of rendering it again: an edit of one incident on a site of
  // thousands re-renders a handful of pages. The copies live in the cache folder
  // (node_modules/.astro); `npm run build -- --force` renders every page. Keeping them costs a
  // full build a write per page, wasted where the folder does not outlive the build (each GitHub
  // Actions cycle, the tests): HELIOGRAPH_INCREMENTAL=0 turns it off there.
  experimental: { incrementalBuild: process.env.HELIOGRAPH_INCREMENTAL !== '0' },
  // Share images: the cache folder, and the "rendered N, reused M" line at the end of a build;
  // then `.gz` and `.br` copies of the text files when `build.precompress` asks for them.
  integrations: [shareImages(), precompressedCopies({ enabled: build.precompress })],
  // `astro dev` watches the project folder: not what builds, tests and the subscriber service
  // write there (thousands of files while a build runs beside it). Content is watched by its
  // loaders, wherever it lives.
  vite: { server: { watch: { ignored: WRITTEN_HERE.map((dir) => `${PROJECT}/${dir}/**`) } } },
});
