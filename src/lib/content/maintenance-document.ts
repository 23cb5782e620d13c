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
  /**
   * Updates; the first is usually the announcement, a `scheduled` update without text dated when
   * the window was published (the feeds and notifications date its announcement by it).
   */
  updates?: MaintenanceData['updates'];
  /** What is being done, in Markdown: the file's body. */
  body: string;
}

/** A `scheduled` update that only dates the announcement: it has no text of its own. */
export type AnnouncementInput = Omit<MaintenanceData['updates'][number], 'text'> & {
  text?: string;
};

/** The text of a new maintenance file; an update without text is written without a `text` key. */
export function renderMaintenance(
  input: Omit<MaintenanceInput, 'updates'> & { updates?: AnnouncementInput[] },
): string {
  const { body, updates, ...front } = input;
  const written = updates?.map(({ text, ...u }) => (text ? { ...u, text } : u));
  return renderFrontMatter(written ? { ...front, updates: written } : front, body);
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
