/**
 * The edge where the site meets its inputs: content collections, the history folder, the
 * configuration and the clock, turned once per build into the site model that every page reads.
 */
import { getCollection, getEntry } from 'astro:content';
import { buildNow, contentDir } from './build-env.ts';
import { CONFIGURATION_ENTRY } from './content/configuration-loader.ts';
import type { IncidentData } from './content/incident-schema.ts';
import type { MaintenanceData } from './content/maintenance-schema.ts';
import type { Entry } from './content/parse-entry.ts';
import { createFormatter, type Formatter } from './i18n/format.ts';
import { messages, type Messages } from './i18n/messages.ts';
import { loadSiteModel } from './model/load.ts';
import type { SiteModel } from './model/site.ts';
import { absolute, link } from './paths.ts';

/** History problems printed by a build; the rest are counted, so a broken file cannot flood the log. */
const WARNINGS_SHOWN = 20;

let site: Promise<SiteModel> | undefined;
let ui: Promise<Ui> | undefined;

// Under `astro dev` the content changes while the server runs. Astro announces each change of the
// content layer (an entry added, edited or removed; the configuration edited) with this event, as
// it clears its cached static paths: the next page builds the model again. A build never sends it.
import.meta.hot?.on('astro:content-changed', () => {
  site = undefined;
  ui = undefined;
});

/** The site model of this build (computed on first use, then shared by every page). */
export function getSite(): Promise<SiteModel> {
  site ??= load();
  return site;
}

async function load(): Promise<SiteModel> {
  // The configuration and the entries come from the collections, which the loaders have read and
  // checked: one snapshot of the content layer.
  const [configuration, incidents, maintenance] = await Promise.all([
    getEntry('configuration', CONFIGURATION_ENTRY),
    getCollection('incidents'),
    getCollection('maintenance'),
  ]);
  if (!configuration) throw new Error('the configuration collection is empty');
  const model = loadSiteModel({
    contentDir: contentDir(),
    now: buildNow(),
    config: configuration.data,
    entries: {
      incidents: new Map(
        incidents.map((e) => [
          e.id,
          { data: e.data, body: e.body ?? '' } satisfies Entry<IncidentData>,
        ]),
      ),
      maintenances: new Map(
        maintenance.map((e) => [
          e.id,
          { data: e.data, body: e.body ?? '' } satisfies Entry<MaintenanceData>,
        ]),
      ),
    },
  });
  for (const warning of model.warnings.slice(0, WARNINGS_SHOWN)) {
    console.warn(`[heliograph] skipped in the history: ${warning}`);
  }
  if (model.warnings.length > WARNINGS_SHOWN) {
    console.warn(
      `[heliograph] and ${model.warnings.length - WARNINGS_SHOWN} more problems in the history`,
    );
  }
  return model;
}

/** What templates need besides the model: messages, formatters and links, bound to the site. */
export interface Ui {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** A site path under the base path. */
  href: (path: string) => string;
  /** An absolute URL of a site path. */
  url: (path: string) => string;
}

/** The site model with its messages and formatters (one per build). */
export function getUi(): Promise<Ui> {
  ui ??= getSite().then((site) => {
    const { locale, time_zone: tz, base, url } = site.config.site;
    return {
      site,
      t: messages(locale),
      fmt: createFormatter(locale, tz),
      href: (path: string) => link(base, path),
      url: (path: string) => absolute(url, base, path),
    };
  });
  return ui;
}
