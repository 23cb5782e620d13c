/**
 * How the push path merges a file that two writers changed at once, by the kind of file: named
 * data, with the reason beside each rule. A file no rule covers stops the push (`rebase.ts`):
 * it is never settled by keeping one side.
 *
 * Every rule merges three texts (what both started from, what was pushed first, what is being
 * pushed now) and checks the result with the parser its readers use, throwing when it would not
 * read; the push then stops with that problem rather than write a broken file.
 */
import { mergeIncidentTexts } from '../content/incident-merge.ts';
import { mergeMaintenanceTexts } from '../content/maintenance-merge.ts';
import { parseRollup, parseSamples } from '../history/format.ts';
import { mergeRollupLines, unionLines } from '../history/lines-merge.ts';
import { mergeStates } from '../history/state-merge.ts';
import { formatState, parseState, STATE_FILE } from '../history/state.ts';
import { parseRecordLine, RECORD_FILE } from '../notify/record.ts';
import type { ThreeWay } from '../three-way.ts';

/** What a rule needs besides the three texts. */
export interface MergeContext {
  /** The file's path as problems show it. */
  file: string;
  /** The configuration's component ids (read when a rule first needs them). */
  components: () => ReadonlySet<string>;
}

/** One kind of file and how two versions of it merge. */
export interface MergeRule {
  name: string;
  /** Paths it covers, relative to the content folder. */
  pattern: RegExp;
  why: string;
  /** The merged text and notes on what was settled; throws when the result would not read. */
  merge: (sides: ThreeWay<string>, ctx: MergeContext) => { text: string; notes: string[] };
}

/** The rule for a file one side deleted and the other changed, and why. */
export const DELETED_ON_ONE_SIDE = {
  keep: 'the changed side',
  why: 'nothing either side wrote is lost; whoever meant to remove the file removes it again',
} as const;

/** The rules, by kind of file; the first whose pattern matches applies. */
export const MERGE_RULES: readonly MergeRule[] = [
  {
    name: 'incident',
    pattern: /^incidents\/[^/]+\.md$/,
    why: "both sides' updates are kept, merged by update identity and ordered by time; fields follow INCIDENT_MERGE_RULES",
    merge: (sides, ctx) => mergeIncidentTexts(sides, ctx.file, ctx.components()),
  },
  {
    name: 'maintenance',
    pattern: /^maintenance\/[^/]+\.md$/,
    why: "both sides' updates are kept, merged by update identity; fields follow MAINTENANCE_MERGE_RULES",
    merge: (sides, ctx) => mergeMaintenanceTexts(sides, ctx.file, ctx.components()),
  },
  {
    name: 'probe state',
    pattern: new RegExp(`^history/${escape(STATE_FILE)}$`),
    why: 'merged component by component (STATE_BOTH_CHANGED), then reconciled with the merged incidents so that no automatic incident is forgotten',
    merge: (sides, ctx) => {
      const read = (text: string) => {
        const { state, problem } = parseState(text);
        if (problem) throw new Error(`${ctx.file} is ${problem}`);
        return state;
      };
      const merged = mergeStates({
        base: sides.base === undefined ? undefined : read(sides.base),
        upstream: read(sides.upstream),
        local: read(sides.local),
      });
      return { text: formatState(merged), notes: [] };
    },
  },
  {
    name: 'notifications record',
    pattern: new RegExp(`^${escape(RECORD_FILE.replace(/\\/g, '/'))}$`),
    why: "append-only: both sides' lines are kept, none twice (merge=union does the same in git)",
    merge: (sides, ctx) =>
      checkedLines(unionLines(sides), sides, ctx, (line) => (parseRecordLine(line) ? 0 : 1)),
  },
  {
    name: 'samples',
    pattern: /^history\/(\d{4}-\d{2}-\d{2})\.tsv$/,
    why: "append-only: both sides' runs are kept, none twice (merge=union does the same in git)",
    merge: (sides, ctx) => {
      const date = /(\d{4}-\d{2}-\d{2})\.tsv$/.exec(ctx.file)?.[1] ?? '';
      const problems = (text: string): number => parseSamples(text, date).problems.length;
      const text = unionLines(sides);
      return checked(text, sides, ctx, problems);
    },
  },
  {
    name: 'rollups',
    pattern: /^history\/daily\/\d{4}\.tsv$/,
    why: 'one line per day and component (ROLLUP_BOTH_WROTE where both sides rolled up the same day)',
    merge: (sides, ctx) =>
      checkedLines(mergeRollupLines(sides), sides, ctx, (line) =>
        typeof parseRollup(line) === 'string' ? 1 : 0,
      ),
  },
];

/** The rule covering a path relative to the content folder, if any. */
export function ruleFor(path: string): MergeRule | undefined {
  return MERGE_RULES.find((rule) => rule.pattern.test(path));
}

/**
 * A merged text of a line format, checked: it may carry no problem that neither side had (a
 * side's own bad line is the reader's to skip and report, not a reason to stop every push).
 */
function checked(
  text: string,
  sides: ThreeWay<string>,
  ctx: MergeContext,
  problems: (text: string) => number,
): { text: string; notes: string[] } {
  if (problems(text) > problems(sides.upstream) + problems(sides.local)) {
    throw new Error(`${ctx.file}: the merged lines do not read`);
  }
  return { text, notes: [] };
}

/** `checked` for formats read line by line; `bad` counts a line's problems. */
function checkedLines(
  text: string,
  sides: ThreeWay<string>,
  ctx: MergeContext,
  bad: (line: string) => number,
): { text: string; notes: string[] } {
  const count = (t: string): number =>
    t
      .split('\n')
      .reduce((n, line) => n + (line.trim() === '' ? 0 : bad(line.replace(/\r$/, ''))), 0);
  return checked(text, sides, ctx, count);
}

/** A literal for a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
