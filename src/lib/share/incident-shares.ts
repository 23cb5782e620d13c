/**
 * Every update of an incident with its texts for every channel: the share box shows the latest
 * update's, /share/<id>.json all of them. Each update's texts are computed once per site model,
 * whoever asks first.
 */
import type { Incident, IncidentUpdate } from '../model/incident.ts';
import type { SiteModel } from '../model/site.ts';
import { paths } from '../paths.ts';
import type { Ui } from '../site-data.ts';
import { shareFacts } from './facts.ts';
import { shareTexts, type ShareTexts } from './texts.ts';

export interface UpdateShare {
  id: string;
  status: string;
  at: string;
  texts: ShareTexts;
}

type ShareUi = Pick<Ui, 'site' | 't' | 'fmt' | 'url'>;

/** Texts already computed, by site model and update. */
const computed = new WeakMap<SiteModel, WeakMap<IncidentUpdate, UpdateShare>>();

/** The texts of each update, newest first. */
export function incidentShares(incident: Incident, ui: ShareUi): UpdateShare[] {
  return incident.updates.map((update) => updateShare(incident, update, ui));
}

/** The texts of one update of an incident. */
export function updateShare(incident: Incident, update: IncidentUpdate, ui: ShareUi): UpdateShare {
  let byUpdate = computed.get(ui.site);
  if (!byUpdate) {
    byUpdate = new WeakMap();
    computed.set(ui.site, byUpdate);
  }
  const known = byUpdate.get(update);
  if (known) return known;
  const url = ui.url(paths.incident(incident.id));
  const share = {
    id: update.id,
    status: update.status,
    at: new Date(update.at).toISOString(),
    texts: shareTexts(shareFacts(incident, update, { site: ui.site, t: ui.t, fmt: ui.fmt, url })),
  };
  byUpdate.set(update, share);
  return share;
}
