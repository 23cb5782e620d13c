/**
 * Global setup: build the example once for every test file that reads dist/. Its share images
 * start from an empty cache of their own, so that every run draws them (on worker threads) and
 * test/build/parallel-drawing.test.ts can hold the result to a build that draws in one thread.
 * The build also counts its parses of heliograph.yaml (test/support/count-config-parses.mjs), for
 * test/build/config-once.test.ts: one build serves both instead of a second one for the count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    exampleSite: BuiltSite;
    /** What the example's build wrote to HELIOGRAPH_PARSES_FILE: its parses of the configuration. */
    exampleConfigParses: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const images = mkdtempSync(join(tmpdir(), 'heliograph-images-'));
  const parsesFile = join(images, 'parses');
  const counter = join(import.meta.dirname, '../support/count-config-parses.mjs');
  const site = await buildExampleSite({
    env: {
      HELIOGRAPH_IMAGE_CACHE: images,
      // The build runs in a child process: the counter is preloaded there, not here.
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${counter}`.trim(),
      HELIOGRAPH_PARSES_FILE: parsesFile,
    },
  });
  project.provide('exampleSite', site);
  project.provide('exampleConfigParses', readFileSync(parsesFile, 'utf8'));
  return () => {
    removeSite(site);
    rmSync(images, { recursive: true, force: true });
  };
}
