/**
 * The record of what was sent: `content/history/notifications.tsv`, one line per message that a
 * target accepted — `time<TAB>target id<TAB>event id` — append-only, so that two runs' lines both
 * survive a merge. A message is recorded the moment it is accepted (an atomic rewrite of the
 * file), so a run killed half-way never sends those messages again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.ts';

/** The record's path inside the content folder. */
export const RECORD_FILE = join('history', 'notifications.tsv');

/** What was sent to whom; `add` writes through to the file. */
export interface SentRecord {
  has: (target: string, event: string) => boolean;
  /** Records a message accepted at `at`; throws when the file cannot be written. */
  add: (target: string, event: string, at: number) => void;
  /** Lines that could not be read (skipped, never fatal). */
  warnings: string[];
}

/** Opens the record at `path`; with `dryRun`, additions are remembered but not written. */
export function openRecord(path: string, options: { dryRun?: boolean } = {}): SentRecord {
  const sent = new Set<string>();
  const warnings: string[] = [];
  readText(path)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseRecordLine(line);
      if (parsed) sent.add(key(parsed.target, parsed.event));
      else warnings.push(`${path}:${i + 1}: not "time<TAB>target<TAB>event"; skipped`);
    });
  return {
    has: (target, event) => sent.has(key(target, event)),
    add: (target, event, at) => {
      sent.add(key(target, event));
      if (options.dryRun) return;
      // Read again: whatever was appended meanwhile stays. A line cut short by a killed writer is
      // closed before ours is added.
      let text = readText(path);
      if (text !== '' && !text.endsWith('\n')) text += '\n';
      writeFileAtomic(path, text + recordLine(target, event, at));
    },
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

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new Error(`cannot read the notifications record ${path}`, { cause: error });
  }
}

function key(target: string, event: string): string {
  return `${target}\t${event}`;
}
