/**
 * Content collections: incidents and maintenance, read from the content folder by one loader that
 * validates front matter with the schemas beside it and reports every problem with its file, line
 * and field. Markdown is rendered by the site model (marked + sanitize-html), not by Astro.
 */
import { defineCollection } from 'astro:content';
import { contentDir } from './lib/build-env.ts';
import { loadConfig } from './lib/config/load.ts';
import { componentIds } from './lib/config/schema.ts';
import { incidentSchema } from './lib/content/incident-schema.ts';
import { maintenanceSchema } from './lib/content/maintenance-schema.ts';
import { markdownFolderLoader } from './lib/content/loader.ts';
import {
  incidentReferences,
  parseIncidentFile,
  parseMaintenanceFile,
} from './lib/content/parse-entry.ts';

/** The ids entries may name, from the configuration astro.config.mjs already parsed. */
function components(): ReadonlySet<string> {
  return componentIds(loadConfig(contentDir()));
}

const incidents = defineCollection({
  loader: markdownFolderLoader({
    root: contentDir(),
    folder: 'incidents',
    parse: parseIncidentFile,
    components,
    references: incidentReferences,
  }),
  schema: incidentSchema,
});

const maintenance = defineCollection({
  loader: markdownFolderLoader({
    root: contentDir(),
    folder: 'maintenance',
    parse: parseMaintenanceFile,
    components,
  }),
  schema: maintenanceSchema,
});

export const collections = { incidents, maintenance };
