/**
 * Pre-compressed copies in the build: when `build.precompress` is on in heliograph.yaml, the end
 * of a build writes `.gz` and `.br` beside each text file of the site (precompress.ts), with the
 * cache of copies in `.cache/precompressed/` of the project, and says what it did.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { precompress, prunePrecompressCache } from './precompress.ts';

/** The Astro integration; `enabled` is the configuration's `build.precompress`. */
export function precompressedCopies(options: { enabled: boolean }): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'heliograph-precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(new URL('.cache/precompressed/', config.root));
      },
      'astro:build:done': async ({ dir }) => {
        if (!options.enabled) return;
        const started = performance.now();
        const stats = await precompress({ dir: fileURLToPath(dir), cacheDir });
        try {
          prunePrecompressCache(cacheDir, Date.now());
        } catch (error) {
          stats.problems.push(error as Error);
        }
        const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;
        console.log(
          `[heliograph] pre-compressed ${stats.files} files (${mb(stats.bytes)}): gzip ${mb(stats.gzipBytes)}, brotli ${mb(stats.brotliBytes)}; compressed ${stats.compressed} copies, reused ${stats.reused}, left out ${stats.skipped} no smaller, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        const [first] = stats.problems;
        if (first) {
          // The copies are complete either way; a cache problem only costs time next build.
          const cause = first.cause instanceof Error ? `: ${first.cause.message}` : '';
          console.warn(
            `[heliograph] pre-compressed copies' cache: ${stats.problems.length} problem(s), the first: ${first.message}${cause}`,
          );
        }
      },
    },
  };
}
