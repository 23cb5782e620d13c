/**
 * The record of what was sent: `content/history/notifications.tsv`, one line per message that a
 * target accepted — `time<TAB>target id<TAB>event id` — append-only, so that two runs' lines both
 * survive a merge. A message is recorded the moment it is accepted (an atomic rewrite of the
 * file), so a run killed half-way never sends those messages again.
 *
 * A line whose event is `(configured)` records the moment a target was first seen with its
 * secrets set: nothing older than that is ever sent to it, so a target added to a site with a
 * history starts with what happens next instead of replaying the past.
 *
 * The file is read through the content reader (`fs/content-file.ts`): one it refuses (a link out
 * of the content folder, a folder, a file far too large) is an error naming it, never a record
 * started afresh, which would send everything again.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.ts';
import { CONTENT_LIMITS, readContentTextIfExists } from '../fs/content-file.ts';

/** The record's path inside the content folder. */
export const RECORD_FILE = join('history', 'notifications.tsv');

/** The event field of a target's first-seen line; never an event id (ids have no parentheses). */
export const CONFIGURED = '(configured)';

/** What was sent to whom; `add` writes through to the file. */
export interface SentRecord {
  has: (target: string, event: string) => boolean;
  /** Records a message accepted at `at`; throws when the file cannot be written. */
  add: (target: string, event: string, at: number) => void;
  /**
   * When the target was first seen: its `(configured)` line, or, for a target that was sending
   * before such lines existed, its earliest line; undefined for a target never seen.
   */
  configuredAt: (target: string) => number | undefined;
  /** Lines that could not be read (skipped, never fatal). */
  warnings: string[];
}

/** Where the record is, and whether additions are written. */
export interface RecordOptions {
  /** The content folder, which the record may not lead out of. */
  within: string;
  /** Additions are remembered but not written. */
  dryRun?: boolean;
}

/** Opens the record at `path`; throws, naming it, when it cannot be read. */
export function openRecord(path: string, options: RecordOptions): SentRecord {
  const readText = (): string => readRecord(path, options.within);
  const sent = new Set<string>();
  const configured = new Map<string, number>();
  const earliest = new Map<string, number>();
  const warnings: string[] = [];
  readText()
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseRecordLine(line);
      if (!parsed) {
        warnings.push(`${path}:${i + 1}: not "time<TAB>target<TAB>event"; skipped`);
        return;
      }
      const { target, event, at } = parsed;
      if (event === CONFIGURED) configured.set(target, Math.min(at, configured.get(target) ?? at));
      else sent.add(key(target, event));
      earliest.set(target, Math.min(at, earliest.get(target) ?? at));
    });
  return {
    has: (target, event) => sent.has(key(target, event)),
    add: (target, event, at) => {
      if (event === CONFIGURED) configured.set(target, at);
      else sent.add(key(target, event));
      if (!earliest.has(target)) earliest.set(target, at);
      if (options.dryRun) return;
      // Read again: whatever was appended meanwhile stays. A line cut short by a killed writer is
      // closed before ours is added.
      let text = readText();
      if (text !== '' && !text.endsWith('\n')) text += '\n';
      writeFileAtomic(path, text + recordLine(target, event, at));
    },
    configuredAt: (target) => configured.get(target) ?? earliest.get(target),
    warnings,
  };
}

/** One line of the record. */
export function recordLine(target: string, event: string, at: number): string {
  return `${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')}\t${target}\t${event}\n`;
}

/** A line's fields, or undefined when it is not a record line. */
export function parseRecordLine(
  line: string,
): { at: number; target: string; event: string } | undefined {
  const [time, target, event, ...rest] = line.split('\t');
  if (!time || !target || !event || rest.length) return undefined;
  const at = Date.parse(time);
  return Number.isNaN(at) ? undefined : { at, target, event: event.trim() };
}

/** The record's text; '' when there is none yet. */
function readRecord(path: string, within: string): string {
  try {
    return readContentTextIfExists(path, { within, limit: CONTENT_LIMITS.history }) ?? '';
  } catch (error) {
    throw new Error(`cannot read the notifications record ${path}`, { cause: error });
  }
}

function key(target: string, event: string): string {
  return `${target}\t${event}`;
}
