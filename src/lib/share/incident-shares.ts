/**
 * Every update of an incident with its texts for every channel: the share box shows the latest
 * update's, /share/<id>.json all of them. A page that asks for an update's texts twice gets them
 * computed once; the texts are not kept for the whole build, whose thousands of updates would
 * hold tens of megabytes (2.5 KB an update), so memory stays what one page needs. The latest
 * update's texts are thus computed twice, for its page and for its JSON (about 0.1 ms each).
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

/** Texts computed lately, by site model and update: the latest few hundred only. */
const computed = new WeakMap<SiteModel, Map<IncidentUpdate, UpdateShare>>();
/** How many updates' texts are kept: far more than one page asks for, far fewer than a site has. */
const KEPT = 256;

/** The texts of each update, newest first. */
export function incidentShares(incident: Incident, ui: ShareUi): UpdateShare[] {
  return incident.updates.map((update) => updateShare(incident, update, ui));
}

/** The texts of one update of an incident. */
export function updateShare(incident: Incident, update: IncidentUpdate, ui: ShareUi): UpdateShare {
  let byUpdate = computed.get(ui.site);
  if (!byUpdate) {
    byUpdate = new Map();
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
  // A Map iterates in insertion order: the first key is the one kept longest.
  if (byUpdate.size >= KEPT) byUpdate.delete(byUpdate.keys().next().value!);
  byUpdate.set(update, share);
  return share;
}
