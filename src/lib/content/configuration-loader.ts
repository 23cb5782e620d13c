/**
 * The configuration as a content collection of one entry, `heliograph`: the site model reads it
 * from the content layer with the incidents and the maintenance, so that one snapshot of the
 * content makes a page, and so that Astro knows when the file changes — under `astro dev` an
 * edited configuration reaches the next page load (Astro clears its cached static paths and
 * reloads the browser when the content layer changes).
 */
import { resolve } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { CONFIG_FILE, loadConfig } from '../config/load.ts';
import { watchContent } from './loader.ts';

/** The id of the configuration's entry. */
export const CONFIGURATION_ENTRY = 'heliograph';

/** The loader of the `configuration` collection over `<contentDir>/heliograph.yaml`. */
export function configurationLoader(contentDir: () => string): Loader {
  return {
    name: 'heliograph-configuration',
    load: (context) => {
      const file = resolve(contentDir(), CONFIG_FILE);
      const load = (): void => storeConfiguration(context, contentDir());
      load();
      watchContent(context, { paths: [file], concerns: (path) => path === file, load });
      return Promise.resolve();
    },
  };
}

function storeConfiguration(context: LoaderContext, contentDir: string): void {
  // A copy: the parsed configuration is frozen and shared, and the store is Astro's.
  const data = structuredClone(loadConfig(contentDir));
  const digest = context.generateDigest(data);
  context.store.set({ id: CONFIGURATION_ENTRY, data, digest });
}
