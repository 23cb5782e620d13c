/**
 * The folders of entries a site is built from, each with its parser and the checks between its
 * files: one description read by the content collections, the site model and the content check.
 */
import type { IncidentData } from './incident-schema.ts';
import type { MarkdownFolderOptions } from './loader.ts';
import type { MaintenanceData } from './maintenance-schema.ts';
import { incidentReferences, parseIncidentFile, parseMaintenanceFile } from './parse-entry.ts';

/** A folder of entries, less where it is and which components exist. */
export type EntryFolder<T> = Omit<MarkdownFolderOptions<T>, 'root' | 'components'>;

/** `incidents/`: one incident per file; `merged_into` names another file of the folder. */
export const INCIDENTS: EntryFolder<IncidentData> = {
  folder: 'incidents',
  parse: parseIncidentFile,
  references: incidentReferences,
};

/** `maintenance/`: one window per file. */
export const MAINTENANCE: EntryFolder<MaintenanceData> = {
  folder: 'maintenance',
  parse: parseMaintenanceFile,
};
