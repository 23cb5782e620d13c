/**
 * What the share images cost in a build: images drawn and reused, and the time spent on each.
 * The build prints it as one line at the end (integration.ts), which tests and the benchmark read.
 */

/** Counts and times of one build's share images. */
export interface ImageStats {
  rendered: number;
  reused: number;
  /** Milliseconds spent drawing (and storing) images. */
  renderMs: number;
  /** Milliseconds spent reading cached images. */
  reuseMs: number;
  /** Cache writes that failed: the images were served, the cache did not keep them. */
  problems: Error[];
}

/** Zero counts. */
export function emptyImageStats(): ImageStats {
  return { rendered: 0, reused: 0, renderMs: 0, reuseMs: 0, problems: [] };
}

/**
 * The counters of this build process. Astro loads the configuration (where the integration that
 * prints them lives) and the bundled pages (where images are drawn) as two separate module
 * graphs, so the counters live on `globalThis` under a registered symbol, not in module scope.
 */
export function buildImageStats(): ImageStats {
  const scope = globalThis as { [STATS]?: ImageStats };
  scope[STATS] ??= emptyImageStats();
  return scope[STATS];
}

const STATS = Symbol.for('heliograph.shareImageStats');

/** The build's summary line, e.g. `[heliograph] share images: rendered 3, reused 17 (…)`. */
export function imageSummary(stats: ImageStats): string {
  const ms = (n: number): string => `${Math.round(n)} ms`;
  return `[heliograph] share images: rendered ${stats.rendered}, reused ${stats.reused} (drawing ${ms(stats.renderMs)}, reading ${ms(stats.reuseMs)})`;
}

/** Parses the summary line out of a build's output (for tests and the benchmark). */
export function parseImageSummary(
  output: string,
): Pick<ImageStats, 'rendered' | 'reused' | 'renderMs' | 'reuseMs'> | undefined {
  const m =
    /\[heliograph\] share images: rendered (\d+), reused (\d+) \(drawing (\d+) ms, reading (\d+) ms\)/.exec(
      output,
    );
  if (!m) return undefined;
  return {
    rendered: Number(m[1]),
    reused: Number(m[2]),
    renderMs: Number(m[3]),
    reuseMs: Number(m[4]),
  };
}
