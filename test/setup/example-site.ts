/** Global setup: build the example site once for every test file that reads dist/. */
import type { TestProject } from 'vitest/node';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    exampleSite: BuiltSite;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const site = await buildExampleSite();
  project.provide('exampleSite', site);
  return () => removeSite(site);
}
