/**
 * The share images' part in the build: the cache folder defaults to `.cache/images/` in the
 * project (builds may run from another working directory), the workers that draw images run
 * draw-worker.ts from the project's sources (the pages' code is bundled, the worker's file is
 * not), and when the build is done it prints
 * how many images were drawn and reused, and prunes cache entries no build has used for a month.
 * Printing from `astro:build:done` is reliable: it runs once, after every page and endpoint.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { imageCacheDir, pruneImageCache } from './image-cache.ts';
import { buildImageStats, imageSummary } from './image-stats.ts';

/** The Astro integration; add it to `integrations` in astro.config.mjs. */
export function shareImages(): AstroIntegration {
  return {
    name: 'heliograph-share-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        process.env['HELIOGRAPH_IMAGE_CACHE'] ||= fileURLToPath(
          new URL('.cache/images/', config.root),
        );
        process.env['HELIOGRAPH_IMAGE_WORKER_FILE'] ||= fileURLToPath(
          new URL('src/lib/images/draw-worker.ts', config.root),
        );
      },
      'astro:build:done': () => {
        const stats = buildImageStats();
        console.log(imageSummary(stats));
        try {
          pruneImageCache(imageCacheDir(), Date.now());
        } catch (error) {
          stats.problems.push(error as Error);
        }
        const [first] = stats.problems;
        if (first) {
          // The site is complete either way; a cache problem only costs time in the next build.
          const cause = first.cause instanceof Error ? `: ${first.cause.message}` : '';
          console.warn(
            `[heliograph] share-image cache: ${stats.problems.length} problem(s), the first: ${first.message}${cause}`,
          );
        }
      },
    },
  };
}
