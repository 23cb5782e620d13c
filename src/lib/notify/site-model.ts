/**
 * The site model of a content folder, built outside Astro the way the site build builds it:
 * configuration, incident and maintenance files through their schemas, and (optionally) the
 * probe history.
 */
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { readMarkdownFolder } from '../content/loader.ts';
import {
  incidentReferences,
  parseIncidentFile,
  parseMaintenanceFile,
} from '../content/parse-entry.ts';
import { readHistory, type History } from '../history/read.ts';
import { renderMarkdown } from '../markdown.ts';
import { buildSite, type SiteModel } from '../model/site.ts';

export interface SiteModelOptions {
  /** An already loaded configuration of the folder (it is read otherwise). */
  config?: Config;
  /**
   * Read `history/` too. Without it component statuses come from incidents and maintenance only,
   * which is all notifications need, and a 5-minute job does not read years of samples.
   */
  history?: boolean;
}

/** Builds the site model of `contentDir` at `now`; throws a ContentError for invalid content. */
export function loadSiteModel(
  contentDir: string,
  now: number,
  options: SiteModelOptions = {},
): SiteModel {
  const config = options.config ?? loadConfig(contentDir);
  const history: History =
    options.history === false
      ? { components: new Map(), warnings: [], sampleCount: 0 }
      : readHistory({
          dir: join(contentDir, 'history'),
          intervalMinutes: config.probe.interval_minutes,
        });
  return buildSite({
    config,
    now,
    incidents: readMarkdownFolder({
      root: contentDir,
      folder: 'incidents',
      parse: parseIncidentFile,
      references: incidentReferences,
    }),
    maintenances: readMarkdownFolder({
      root: contentDir,
      folder: 'maintenance',
      parse: parseMaintenanceFile,
    }),
    history,
    render: renderMarkdown,
  });
}
