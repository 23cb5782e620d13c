/**
 * Global setup: build the example once for every test file that reads dist/. Its share images
 * start from an empty cache of their own, so that every run draws them (on worker threads) and
 * test/build/parallel-drawing.test.ts can hold the result to a build that draws in one thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    exampleSite: BuiltSite;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const images = mkdtempSync(join(tmpdir(), 'heliograph-images-'));
  const site = await buildExampleSite({ env: { HELIOGRAPH_IMAGE_CACHE: images } });
  project.provide('exampleSite', site);
  return () => {
    removeSite(site);
    rmSync(images, { recursive: true, force: true });
  };
}
