/**
 * Global setup of the browser tests: builds the example site once, serves its dist/ folder over
 * HTTP on 127.0.0.1 and provides both to the test files (`inject('exampleSite')`, `inject('siteUrl')`).
 */
import type { TestProject } from 'vitest/node';
import { buildExampleSite, removeSite } from '../support/example-site.ts';
import { startStaticServer } from '../support/static-server.ts';

// `exampleSite` is declared in ProvidedContext by ./example-site.ts.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL (with a trailing slash) of the server that serves the example site's dist/. */
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await buildExampleSite();
  const server = await startStaticServer(site.dist).catch((error: unknown) => {
    removeSite(site);
    throw error;
  });
  project.provide('exampleSite', site);
  project.provide('siteUrl', server.url);
  return async () => {
    await server.close();
    removeSite(site);
  };
}
