/**
 * The site model of a content folder: the one way every program builds it — the site build, the
 * notifications, the benchmarks. The configuration, the incident and maintenance files and the
 * probe history are read here unless the caller already holds them.
 */
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { componentIds, type Config } from '../config/schema.ts';
import { INCIDENTS, MAINTENANCE } from '../content/entry-folders.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { readMarkdownFolder } from '../content/loader.ts';
import type { MaintenanceData } from '../content/maintenance-schema.ts';
import type { Entry } from '../content/parse-entry.ts';
import { readHistory, type History } from '../history/read.ts';
import { renderMarkdown } from '../markdown.ts';
import { link } from '../paths.ts';
import { buildSite, type SiteModel } from './site.ts';

/** Incident and maintenance entries, by id. */
export interface SiteEntries {
  incidents: ReadonlyMap<string, Entry<IncidentData>>;
  maintenances: ReadonlyMap<string, Entry<MaintenanceData>>;
}

export interface LoadSiteOptions {
  /** The content folder. */
  contentDir: string;
  /** The instant the model describes. */
  now: number;
  /** The folder's configuration when the caller has loaded it already. */
  config?: Config | undefined;
  /**
   * The entries when the caller has read them already (the build takes Astro's collections,
   * which the content loader filled); otherwise they are read from the folder.
   */
  entries?: SiteEntries | undefined;
  /**
   * Read `history/` too (the default). Without it component statuses come from incidents and
   * maintenance only, which is all notifications need, and a 5-minute job does not read years
   * of samples.
   */
  history?: boolean | undefined;
}

/** Builds the site model of a content folder; throws a ContentError for invalid content. */
export function loadSiteModel(options: LoadSiteOptions): SiteModel {
  const { contentDir } = options;
  const config = options.config ?? loadConfig(contentDir);
  const components = componentIds(config);
  const entries = options.entries ?? {
    incidents: readMarkdownFolder({ ...INCIDENTS, root: contentDir, components }),
    maintenances: readMarkdownFolder({ ...MAINTENANCE, root: contentDir, components }),
  };
  const history: History =
    options.history === false
      ? { components: new Map(), warnings: [], sampleCount: 0 }
      : readHistory({
          dir: join(contentDir, 'history'),
          intervalMinutes: config.probe.interval_minutes,
        });
  const render = (markdown: string, page: string): string =>
    renderMarkdown(markdown, link(config.site.base, page));
  return buildSite({ config, now: options.now, ...entries, history, render });
}
