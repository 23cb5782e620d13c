/** The history archive: incidents and maintenance by local month, newest first. */
import { localMonth } from '../time.ts';
import type { Incident } from './incident.ts';
import type { Maintenance } from './maintenance.ts';

export interface HistoryMonth {
  /** `YYYY-MM`, also the permalink. */
  month: string;
  incidents: Incident[];
  maintenances: Maintenance[];
}

/** Groups incidents (by start) and maintenance (by scheduled start) into months, newest first. */
export function historyMonths(
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  timeZone: string,
): HistoryMonth[] {
  const months = new Map<string, HistoryMonth>();
  const month = (key: string): HistoryMonth => {
    let m = months.get(key);
    if (!m) months.set(key, (m = { month: key, incidents: [], maintenances: [] }));
    return m;
  };
  for (const i of incidents) month(localMonth(i.startedAt, timeZone)).incidents.push(i);
  for (const m of maintenances) month(localMonth(m.scheduledFor, timeZone)).maintenances.push(m);
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}
