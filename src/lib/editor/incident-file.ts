/**
 * Incident files as the editor command writes them: new files from fields, and updates appended
 * through the YAML document model so that what an editor wrote (order, comments, quoting) stays.
 * Every text is checked with the same parser the build uses before it is written.
 */
import { parseDocument, stringify, isSeq } from 'yaml';
import { ContentError } from '../validation/friendly-errors.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { parseIncidentFile, type Entry } from '../content/parse-entry.ts';
import type { HealthStatus, Impact, IncidentStatus } from '../status.ts';
import { EditorError } from './errors.ts';

/** One update as written to a file. */
export interface UpdateInput {
  at: string;
  status: IncidentStatus;
  /** Component statuses from this update on. */
  components?: Record<string, HealthStatus>;
  text: string;
}

/** A new incident's front matter. */
export interface IncidentInput {
  title: string;
  impact: Impact;
  components: Record<string, HealthStatus>;
  started_at?: string;
  updates: [UpdateInput];
}

/** YAML output: no folding, so long lines stay as typed and `git diff` shows only what changed. */
const YAML_OPTIONS = { lineWidth: 0 } as const;

/** The text of a new incident file. */
export function renderIncident(input: IncidentInput): string {
  return `---\n${stringify(input, YAML_OPTIONS)}---\n`;
}

/** Appends an update to an incident file's text, keeping everything else as it was written. */
export function appendUpdate(text: string, update: UpdateInput, file: string): string {
  const parts = frontMatterParts(text);
  const doc = parts && parseDocument(parts.yaml);
  const updates = doc?.get('updates', true);
  if (!parts || !doc || !isSeq(updates)) {
    throw new EditorError(`${file}: no "updates" list found in the front matter`);
  }
  updates.add(doc.createNode(update));
  let yaml = doc.toString(YAML_OPTIONS);
  if (parts.head.endsWith('\r\n')) yaml = yaml.replace(/\r?\n/g, '\r\n');
  return `${parts.head}${yaml}${parts.tail}`;
}

/** Parses an incident file's text the way the build does; throws every problem as a ContentError. */
export function checkIncident(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): Entry<IncidentData> {
  const parsed = parseIncidentFile(text, file, components);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/** The opening fence, the YAML between the fences, and the rest (closing fence and body) verbatim. */
function frontMatterParts(text: string): { head: string; yaml: string; tail: string } | undefined {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = /^---[ \t]*\r?$/m.exec(rest);
  if (!close) return undefined;
  return { head: open[0], yaml: rest.slice(0, close.index), tail: rest.slice(close.index) };
}
