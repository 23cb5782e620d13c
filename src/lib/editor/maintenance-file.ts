/** Maintenance files as the editor command writes them, checked with the build's parser first. */
import { stringify } from 'yaml';
import { ContentError } from '../validation/friendly-errors.ts';
import type { MaintenanceData } from '../content/maintenance-schema.ts';
import { parseMaintenanceFile, type Entry } from '../content/parse-entry.ts';

/** A new maintenance window's front matter and its description. */
export interface MaintenanceInput {
  title: string;
  start: string;
  end: string;
  components: string[];
  /** What is being done, in Markdown: the file's body. */
  body: string;
}

/** The text of a new maintenance file. */
export function renderMaintenance(input: MaintenanceInput): string {
  const { body, ...front } = input;
  const text = body.trim();
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${text ? `\n${text}\n` : ''}`;
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
