/** Every update of an incident with its texts for every channel: the share box and /share/<id>.json. */
import type { Incident } from '../model/incident.ts';
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

/** The texts of each update, newest first. */
export function incidentShares(
  incident: Incident,
  ui: Pick<Ui, 'site' | 't' | 'fmt' | 'url'>,
): UpdateShare[] {
  const url = ui.url(paths.incident(incident.id));
  return incident.updates.map((update) => ({
    id: update.id,
    status: update.status,
    at: new Date(update.at).toISOString(),
    texts: shareTexts(shareFacts(incident, update, { site: ui.site, t: ui.t, fmt: ui.fmt, url })),
  }));
}
