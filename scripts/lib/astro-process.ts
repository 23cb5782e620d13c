/**
 * How a site build's Node process is started: the one place for its flags and environment, used
 * by `npm run build` (scripts/build.ts) and by every build the tests, benchmarks and `npm start`
 * run (scripts/lib/build-site.ts). Each value keeps a large site's build within what one page
 * needs, plus a fixed base: measured with `npm run bench -- --only 5000`, they take the peak from
 * about 1 GB to under 512 MiB (docs/architecture.md, "Building at scale").
 */
import { join } from 'node:path';

/** Node flags of the build process, with the reason for each. */
export const BUILD_NODE_FLAGS = [
  // The young generation: on a large heap V8 grows each semi-space to 16 MB, three of them
  // resident. A page's garbage dies young and small: 4 MB semi-spaces collect it as well.
  '--max-semi-space-size=4',
  // After each full collection V8 may let the old generation grow to up to four times what
  // survived it before collecting again. Pages are built one after another and leave nothing
  // behind, so growing by a third of what survives keeps the heap near the live data (the site
  // model and Astro's own) at the cost of more frequent, short collections.
  '--heap-growing-percent=30',
] as const;

/** Environment of the build process, with the reason for each. */
export const BUILD_ENV = {
  // Rolldown (Vite's bundler), resvg and Astro's compiler allocate with mimalloc, which commits
  // whole arenas as it reserves them: over a hundred megabytes resident that no build uses.
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
  // glibc keeps one malloc arena per thread that ever allocated (up to eight per core), each
  // holding freed memory; JavaScript runs on one thread, and two arenas serve the rest.
  MALLOC_ARENA_MAX: '2',
} as const;

/** The arguments that run `astro build` in a project with these flags. */
export function astroBuildArgs(root: string, extra: readonly string[] = []): string[] {
  return [...BUILD_NODE_FLAGS, join(root, 'node_modules/astro/bin/astro.mjs'), 'build', ...extra];
}
