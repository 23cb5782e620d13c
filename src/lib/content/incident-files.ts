/**
 * Incident files on disk: read, edited through `incident-document.ts`, checked with the parser the
 * build uses, and only then written, atomically (`fs/atomic.ts`). A text the build would reject
 * is never written; its problems are thrown as a ContentError naming file, line and field.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.ts';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import {
  checkIncident,
  incidentText,
  openIncident,
  readField,
  type IncidentDocument,
} from './incident-document.ts';
import type { IncidentData } from './incident-schema.ts';
import type { Entry } from './parse-entry.ts';

/** Where an incident file is and what its references are checked against. */
export interface IncidentFileTarget {
  path: string;
  /** The path as problems show it. */
  file: string;
  /** Component ids of the configuration. */
  components: ReadonlySet<string>;
  /** Check and report, write nothing. */
  dryRun?: boolean | undefined;
}

export interface IncidentFileEdit extends IncidentFileTarget {
  /** Changes the document; returns false when there is nothing to change. */
  edit: (doc: IncidentDocument, current: Entry<IncidentData>) => boolean;
  /** A further check of the edited file before it is written; throws to refuse it. */
  verify?: (next: Entry<IncidentData>) => void;
}

/** What an edit came to. */
export interface IncidentFileEdited {
  /** Whether the text changed (and was written, unless a dry run). */
  changed: boolean;
  /** The file as it is now (or would be, in a dry run). */
  entry: Entry<IncidentData>;
}

/**
 * Edits an existing incident file. The file must be valid before (an editor's mistake is reported,
 * not built upon) and after the edit.
 */
export function editIncidentFile(options: IncidentFileEdit): IncidentFileEdited {
  const { path, file, components } = options;
  let text: string;
  try {
    // A writer knows the incidents folder only: the file may not lead out of it.
    text = readContentText(path, { within: dirname(path), limit: CONTENT_LIMITS.entry });
  } catch (error) {
    const why = error instanceof ContentFileError ? error.reason : (error as Error).message;
    throw new Error(`cannot read ${file}: ${why}`, { cause: error });
  }
  const current = checkIncident(text, file, components);
  const opened = openIncident(text, file);
  if (!opened.ok) throw new ContentError(opened.problems);
  if (!options.edit(opened.data, current)) return { changed: false, entry: current };
  const next = incidentText(opened.data);
  const entry = checkIncident(next, file, components);
  options.verify?.(entry);
  return { changed: writeChecked(options, next), entry };
}

/**
 * Writes an incident file's whole text (a new file, or one rendered anew) once the build's parser
 * accepts it; returns whether the file changed.
 */
export function writeIncidentFile(target: IncidentFileTarget, text: string): boolean {
  checkIncident(text, target.file, target.components);
  return writeChecked(target, text);
}

/**
 * The incident an id leads to in `dir` (the incidents folder): itself, or the end of its chain of
 * `merged_into`. A file that is missing or cannot be read ends the chain where it is.
 */
export function followMerges(dir: string, id: string): string {
  const seen = new Set<string>();
  let current = id;
  while (!seen.has(current)) {
    seen.add(current);
    let text: string;
    try {
      text = readContentText(join(dir, `${current}.md`), { within: dir, limit: CONTENT_LIMITS.entry });
    } catch {
      // No file (or none that may be read): nothing leads further; the caller reports what it finds.
      return current;
    }
    const opened = openIncident(text, current);
    const into = opened.ok ? readField(opened.data, 'merged_into') : undefined;
    if (typeof into !== 'string') return current;
    current = into;
  }
  return current;
}

/** Writes atomically, skipping unchanged text; a dry run only says whether it would write. */
function writeChecked(target: IncidentFileTarget, text: string): boolean {
  if (!target.dryRun) return writeFileAtomic(target.path, text);
  try {
    return readFileSync(target.path, 'utf8') !== text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new Error(`cannot read ${target.file}`, { cause: error });
  }
}
