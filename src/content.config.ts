/**
 * Content collections: the configuration, the incidents and the maintenance, read from the
 * content folder by loaders that validate with the schemas beside them and report every problem
 * with its file, line and field. Markdown is rendered by the site model (marked + sanitize-html),
 * not by Astro. Under `astro dev` the loaders watch their files, so edits show on the next load.
 */
import { defineCollection } from 'astro:content';
import { contentDir } from './lib/build-env.ts';
import { loadConfig } from './lib/config/load.ts';
import { componentIds, configSchema } from './lib/config/schema.ts';
import { configurationLoader } from './lib/content/configuration-loader.ts';
import { INCIDENTS, MAINTENANCE } from './lib/content/entry-folders.ts';
import { incidentSchema } from './lib/content/incident-schema.ts';
import { markdownFolderLoader } from './lib/content/loader.ts';
import { maintenanceSchema } from './lib/content/maintenance-schema.ts';

/** The ids entries may name, from the configuration as it is now (parsed once per text). */
function components(): ReadonlySet<string> {
  return componentIds(loadConfig(contentDir()));
}

const configuration = defineCollection({
  loader: configurationLoader(contentDir),
  schema: configSchema,
});

const incidents = defineCollection({
  loader: markdownFolderLoader({ ...INCIDENTS, root: contentDir(), components }),
  schema: incidentSchema,
});

const maintenance = defineCollection({
  loader: markdownFolderLoader({ ...MAINTENANCE, root: contentDir(), components }),
  schema: maintenanceSchema,
});

export const collections = { configuration, incidents, maintenance };
