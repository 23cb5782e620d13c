/**
 * Maintenance files as they are written: new files from fields, checked with the parser the build
 * uses. Maintenance windows are never edited in place by the product, only created.
 */
import { ContentError } from '../validation/friendly-errors.ts';
import { renderFrontMatter } from './front-matter.ts';
import type { MaintenanceData } from './maintenance-schema.ts';
import { parseMaintenanceFile, type Entry } from './parse-entry.ts';

/** A new maintenance window's front matter and its description; fields are written in this order. */
export interface MaintenanceInput {
  title: string;
  start: string;
  end: string;
  components: string[];
  /** Updates posted during the window. */
  updates?: MaintenanceData['updates'];
  /** What is being done, in Markdown: the file's body. */
  body: string;
}

/** The text of a new maintenance file. */
export function renderMaintenance(input: MaintenanceInput): string {
  const { body, ...front } = input;
  return renderFrontMatter(front, body);
}

/** Parses a maintenance file's text the way the build does; throws every problem. */
export function checkMaintenance(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): Entry<MaintenanceData> {
  const parsed = parseMaintenanceFile(text, file, components);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}
