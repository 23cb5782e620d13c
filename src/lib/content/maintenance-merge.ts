/**
 * How two versions of one maintenance file are merged when two writers changed it at once: the
 * rules as data, each with its reason. The merge itself is `document-merge.ts`; the result is
 * checked with the build's parser before the push path writes it.
 */
import { checkMaintenance } from './maintenance-document.ts';
import { mergeTexts, type DocumentRules, type FieldRule } from './document-merge.ts';
import type { ThreeWay } from '../three-way.ts';

/** What was pushed first stays, and why. */
const UPSTREAM_WORDS: FieldRule = {
  settle: 'upstream',
  why: "the side pushed first is an editor's, and readers may have seen it",
};

/** The merge rules of maintenance files. */
export const MAINTENANCE_MERGE_RULES: DocumentRules = {
  fields: {
    title: UPSTREAM_WORDS,
    start: {
      settle: 'upstream',
      why: 'the window announced first is the one subscribers put in their calendars',
    },
    end: {
      settle: 'upstream',
      why: 'the window announced first is the one subscribers put in their calendars',
    },
    components: {
      settle: 'set',
      why: 'a component either side put under maintenance is under maintenance',
    },
    status: UPSTREAM_WORDS,
  },
  otherFields: UPSTREAM_WORDS,
  updateFields: {},
  otherUpdateFields: UPSTREAM_WORDS,
  body: UPSTREAM_WORDS,
};

/**
 * Three versions of a maintenance file's text merged by `MAINTENANCE_MERGE_RULES` and checked
 * the way the build checks it; throws a ContentError (file, line, field) when a version cannot be
 * read or the merged file would not build.
 */
export function mergeMaintenanceTexts(
  sides: ThreeWay<string>,
  file: string,
  components: ReadonlySet<string>,
): { text: string; notes: string[] } {
  return mergeTexts(sides, file, MAINTENANCE_MERGE_RULES, (text) => {
    checkMaintenance(text, file, components);
  });
}
