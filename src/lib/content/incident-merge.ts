/**
 * How two versions of one incident file are merged when two writers changed it at once (the
 * prober resolving an incident while the sync adds a comment and an editor fixes the title): the
 * rules as data, each with its reason. The merge itself is `document-merge.ts`; the result is
 * checked with the build's parser before the push path writes it.
 */
import { checkIncident } from './incident-document.ts';
import { mergeTexts, type DocumentRules, type FieldRule } from './document-merge.ts';
import type { ThreeWay } from '../three-way.ts';

/** What was pushed first stays: the rule of text fields, and why. */
const UPSTREAM_WORDS: FieldRule = {
  settle: 'upstream',
  why: "words: the side pushed first is an editor's commit or the sync of what an editor wrote on GitHub, and readers may have seen it",
};

/** Component statuses: the worse of the two, and why. */
const WORST_STATUS: FieldRule = {
  settle: 'worst-per-key',
  why: 'a component is as bad as either side saw it until a later update says otherwise',
};

/** The merge rules of incident files. */
export const INCIDENT_MERGE_RULES: DocumentRules = {
  fields: {
    title: UPSTREAM_WORDS,
    impact: { settle: 'upstream', why: "how bad it is for customers is an editor's judgement" },
    components: WORST_STATUS,
    started_at: {
      settle: 'earliest',
      why: 'the problem began at the earlier of the times the two sides knew',
    },
    source: { settle: 'upstream', why: 'who opened the incident is settled by the first push' },
    github_issue: {
      settle: 'upstream',
      why: 'the issue already pushed is the one the sync follows and readers were sent to',
    },
  },
  otherFields: UPSTREAM_WORDS,
  updateFields: { components: WORST_STATUS },
  otherUpdateFields: UPSTREAM_WORDS,
  body: UPSTREAM_WORDS,
};

/**
 * Three versions of an incident file's text merged by `INCIDENT_MERGE_RULES` and checked the way
 * the build checks it; throws a ContentError (file, line, field) when a version cannot be read
 * or the merged file would not build.
 */
export function mergeIncidentTexts(
  sides: ThreeWay<string>,
  file: string,
  components: ReadonlySet<string>,
): { text: string; notes: string[] } {
  return mergeTexts(sides, file, INCIDENT_MERGE_RULES, (text) => {
    checkIncident(text, file, components);
  });
}
