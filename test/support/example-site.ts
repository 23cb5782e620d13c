/**
 * The example site that build and browser tests read: generated at a pinned "now" into a
 * temporary folder and built once per test run by the global setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { writeExample } from '../../src/lib/example/write.ts';

/** The instant every build test takes as "now". */
export const PINNED_NOW = '2026-11-21T09:00:00Z';

export interface BuiltSite {
  root: string;
  content: string;
  dist: string;
  now: string;
  /** What the build printed, stdout and stderr together (absent for a site built elsewhere). */
  output?: string;
}

/**
 * Generates the example content and builds it; `adjust` may change the content first, `env`
 * adds to the build's environment. `builtAt` builds it later than the content was written (a
 * site whose checks stopped at `now`).
 */
export async function buildExampleSite(
  options: {
    now?: string;
    builtAt?: string;
    adjust?: (content: string) => void;
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<BuiltSite> {
  const now = options.now ?? PINNED_NOW;
  const root = mkdtempSync(join(tmpdir(), 'heliograph-site-'));
  const content = join(root, 'content');
  const dist = join(root, 'dist');
  try {
    writeExample({ out: content, now: Date.parse(now) });
    options.adjust?.(content);
    const built = options.builtAt ?? now;
    const { output } = await buildSite({ content, out: dist, now: built, env: options.env });
    return { root, content, dist, now: built, output };
  } catch (error) {
    removeSite({ root });
    throw error;
  }
}

/** Removes a built site unless HELIOGRAPH_KEEP_SITES is set (to look at it after a failure). */
export function removeSite(site: Pick<BuiltSite, 'root'>): void {
  if (!process.env['HELIOGRAPH_KEEP_SITES']) rmSync(site.root, { recursive: true, force: true });
}
