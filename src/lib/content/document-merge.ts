/**
 * Three versions of one Markdown file with front matter merged by meaning: the version both
 * writers started from (`base`, absent when both created the file), what was pushed first
 * (`upstream`) and what is being pushed now (`local`). The push path (`git/`) calls it when two
 * writers changed the same incident or maintenance file; the rules of each kind of file are named
 * data in `incident-merge.ts` and `maintenance-merge.ts`.
 *
 * - A field changed on one side only takes that side's value; changed on both to different
 *   values, it is settled by the field's rule (`Settle`).
 * - The `updates` list is merged by update identity (`readUpdates`): every update either side
 *   holds is kept, an update one side removed and the other left alone is removed, and the
 *   other side's new updates are placed among upstream's by time. One update changed on both
 *   sides is merged field by field. Two different updates that happen to share an instant are
 *   two updates, both kept.
 * - The body (the postmortem) is a text: changed on both sides, it follows the body rule.
 *
 * The result is upstream's document with the changes applied, so what an editor wrote keeps its
 * layout, quoting and comments; nodes taken from the local side keep theirs.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode } from 'yaml';
import type { ThreeWay } from '../three-way.ts';
import { HEALTH_STATUSES, worseStatus, type HealthStatus } from '../status.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import { frontMatterBody } from './front-matter.ts';
import {
  incidentText,
  openIncident,
  readUpdates,
  writeUpdates,
  type DocumentUpdate,
  type IncidentDocument,
} from './incident-document.ts';

/**
 * How a value both sides changed is settled:
 * - `upstream`: what was pushed first stays (see each rule's reason);
 * - `earliest`: the earlier of two timestamps;
 * - `worst-per-key`: a map of component statuses merged key by key, the worse status winning
 *   where both changed one;
 * - `set`: a list of ids merged as a set (what either side added is in, what one side removed
 *   and the other kept is out).
 */
export type Settle = 'upstream' | 'earliest' | 'worst-per-key' | 'set';

/** A field's rule and the reason for it. */
export interface FieldRule {
  settle: Settle;
  why: string;
}

/** The rules of one kind of file. */
export interface DocumentRules {
  /** Top-level fields by name (`updates` excluded: it is merged by identity). */
  fields: Readonly<Record<string, FieldRule>>;
  /** Top-level fields not named. */
  otherFields: FieldRule;
  /** Fields of one update changed on both sides, by name. */
  updateFields: Readonly<Record<string, FieldRule>>;
  /** Update fields not named. */
  otherUpdateFields: FieldRule;
  /** The Markdown body after the front matter. */
  body: FieldRule;
}


/**
 * Merges three versions of a file's text by `rules`, then hands the result to `check` (the
 * build's parser, which throws on a text it would reject). A version that cannot be opened is a
 * ContentError naming its file, line and field. Incident and maintenance files share the shape
 * this needs (front matter with an `updates` list), so both open as incident documents.
 */
export function mergeTexts(
  sides: ThreeWay<string>,
  file: string,
  rules: DocumentRules,
  check: (text: string) => void,
): { text: string; notes: string[] } {
  const open = (text: string): IncidentDocument => {
    const opened = openIncident(text, file);
    if (!opened.ok) throw new ContentError(opened.problems);
    return opened.data;
  };
  const { doc, notes } = mergeDocuments(
    {
      base: sides.base === undefined ? undefined : open(sides.base),
      upstream: open(sides.upstream),
      local: open(sides.local),
    },
    rules,
  );
  const text = incidentText(doc);
  check(text);
  return { text, notes };
}

/** Merges three versions of a document into upstream's document; returns notes on rules used. */
export function mergeDocuments(
  sides: ThreeWay<IncidentDocument>,
  rules: DocumentRules,
): { doc: IncidentDocument; notes: string[] } {
  const { base, upstream, local } = sides;
  const notes: string[] = [];
  const value = (doc: IncidentDocument | undefined, key: string): unknown => {
    const node: unknown = doc?.yaml.get(key, true);
    return isNode(node) ? node.toJS(doc!.yaml) : node;
  };
  for (const key of fieldNames([base, upstream, local])) {
    if (key === 'updates') continue;
    const rule = rules.fields[key] ?? rules.otherFields;
    const merged = threeWay(
      { base: value(base, key), upstream: value(upstream, key), local: value(local, key) },
      rule,
    );
    if (merged.note) notes.push(`${key}: ${merged.note}`);
    if (merged.take === 'upstream') continue;
    if (merged.take === 'local') {
      const node: unknown = local.yaml.get(key, true);
      if (node === undefined) upstream.yaml.delete(key);
      else upstream.yaml.set(key, isNode(node) ? node.clone() : node);
    } else if (merged.value === undefined) upstream.yaml.delete(key);
    else upstream.yaml.set(key, upstream.yaml.createNode(merged.value));
  }
  const updates = mergeUpdates(
    {
      base: base ? readUpdates(base) : [],
      upstream: readUpdates(upstream),
      local: readUpdates(local),
    },
    { upstream, local, base },
    rules,
    notes,
  );
  writeUpdates(upstream, updates);
  const body = threeWay(
    {
      base: base && frontMatterBody(base.parts),
      upstream: frontMatterBody(upstream.parts),
      local: frontMatterBody(local.parts),
    },
    rules.body,
  );
  if (body.note) notes.push(`body: ${body.note}`);
  const parts = body.take === 'local' ? { ...upstream.parts, tail: local.parts.tail } : upstream.parts;
  return { doc: { parts, yaml: upstream.yaml }, notes };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** What a three-way merge of one value came to. */
type Merged =
  | { take: 'upstream'; note?: string }
  | { take: 'local'; note?: undefined }
  | { take: 'value'; value: unknown; note: string };

/**
 * One value's three-way merge: unchanged on a side means the other side's change wins; a change
 * on both is settled by the rule, with a note saying so.
 */
function threeWay(v: ThreeWay<unknown>, rule: FieldRule): Merged {
  const same = isDeepStrictEqual;
  if (same(v.upstream, v.local) || same(v.base, v.local)) return { take: 'upstream' };
  if (same(v.base, v.upstream)) return { take: 'local' };
  switch (rule.settle) {
    case 'upstream':
      return { take: 'upstream', note: `changed on both sides; upstream's kept (${rule.why})` };
    case 'earliest': {
      const times = [v.upstream, v.local].filter((t): t is string => typeof t === 'string');
      const earliest = times.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
      return { take: 'value', value: earliest, note: `changed on both sides; ${rule.why}` };
    }
    case 'worst-per-key':
      return {
        take: 'value',
        value: mergeStatusMaps(v),
        note: `changed on both sides; ${rule.why}`,
      };
    case 'set':
      return { take: 'value', value: mergeSets(v), note: `changed on both sides; ${rule.why}` };
  }
}

/** Component statuses merged key by key; where both sides changed a key, the worse status. */
function mergeStatusMaps(v: ThreeWay<unknown>): Record<string, unknown> | undefined {
  const [base, upstream, local] = [fields(v.base), fields(v.upstream), fields(v.local)];
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(upstream), ...Object.keys(local)])) {
    const merged = threeWay(
      { base: base[key], upstream: upstream[key], local: local[key] },
      { settle: 'upstream', why: '' },
    );
    let value = merged.take === 'local' ? local[key] : upstream[key];
    if (merged.note) value = worseStatus(asStatus(upstream[key]), asStatus(local[key])) ?? value;
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A list of ids merged as a set, in upstream's order, then the local side's additions. */
function mergeSets(v: ThreeWay<unknown>): unknown[] {
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  const [base, upstream, local] = [list(v.base), list(v.upstream), list(v.local)];
  const has = (items: unknown[], item: unknown): boolean =>
    items.some((x) => isDeepStrictEqual(x, item));
  // Kept: upstream's items the local side did not remove; then what the local side added.
  const kept = upstream.filter((item) => !has(base, item) || has(local, item));
  return [...kept, ...local.filter((item) => !has(base, item) && !has(kept, item))];
}

/** The merged timeline; see the module's comment for the rules. */
function mergeUpdates(
  lists: ThreeWay<DocumentUpdate[]> & { base: DocumentUpdate[] },
  docs: ThreeWay<IncidentDocument>,
  rules: DocumentRules,
  notes: string[],
): DocumentUpdate[] {
  const js = (doc: IncidentDocument | undefined, u: DocumentUpdate): unknown =>
    isNode(u.node) ? u.node.toJS(doc!.yaml) : u.node;
  const [baseOf, localOf] = [byKey(lists.base), byKey(lists.local)];
  const upstreamKeys = new Set(lists.upstream.map((u) => u.key));
  const out: DocumentUpdate[] = [];
  const added: DocumentUpdate[] = [];
  const adopt = (u: DocumentUpdate): DocumentUpdate => ({
    ...u,
    node: isNode(u.node) ? u.node.clone() : u.node,
  });
  for (const u of lists.upstream) {
    const b = baseOf.get(u.key);
    const l = localOf.get(u.key);
    const [bj, uj, lj] = [b && js(docs.base, b), js(docs.upstream, u), l && js(docs.local, l)];
    if (!l) {
      // Removed on the local side: gone if upstream left it alone, kept if upstream changed it.
      if (b && isDeepStrictEqual(bj, uj)) notes.push(`update ${u.key}: removed on one side`);
      else out.push(u);
    } else if (isDeepStrictEqual(uj, lj) || (b && isDeepStrictEqual(bj, lj))) out.push(u);
    else if (b && isDeepStrictEqual(bj, uj)) out.push(adopt(l));
    else if (!b && u.github === undefined) {
      // Both sides posted an update at the same instant: two updates, not one.
      out.push(u);
      added.push(l);
    } else {
      notes.push(`update ${u.key}: changed on both sides; merged field by field`);
      out.push({ ...u, node: docs.upstream.yaml.createNode(mergeUpdateFields(bj, uj, lj, rules)) });
    }
  }
  for (const l of lists.local) {
    if (upstreamKeys.has(l.key)) continue;
    const b = baseOf.get(l.key);
    if (b && isDeepStrictEqual(js(docs.base, b), js(docs.local, l))) {
      notes.push(`update ${l.key}: removed on one side`);
      continue;
    }
    added.push(l);
  }
  for (const l of added) insertByTime(out, adopt(l));
  return out;
}

/** One update changed on both sides, merged field by field, its fields in the usual order. */
function mergeUpdateFields(
  base: unknown,
  upstream: unknown,
  local: unknown,
  rules: DocumentRules,
): Record<string, unknown> {
  const [b, u, l] = [fields(base), fields(upstream), fields(local)];
  const order = ['at', 'status', 'components', 'github', 'text', 'detail'];
  const keys = [...new Set([...order, ...Object.keys(u), ...Object.keys(l)])];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const rule = rules.updateFields[key] ?? rules.otherUpdateFields;
    const merged = threeWay({ base: b[key], upstream: u[key], local: l[key] }, rule);
    const value =
      merged.take === 'value' ? merged.value : merged.take === 'local' ? l[key] : u[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Inserts an update after the last one posted at or before it (at the end when undated). */
function insertByTime(list: DocumentUpdate[], update: DocumentUpdate): void {
  let at = list.length;
  if (!Number.isNaN(update.at)) {
    at = 0;
    list.forEach((u, i) => {
      if (!Number.isNaN(u.at) && u.at <= update.at) at = i + 1;
    });
  }
  list.splice(at, 0, update);
}

function byKey(updates: readonly DocumentUpdate[]): Map<string, DocumentUpdate> {
  return new Map(updates.map((u) => [u.key, u]));
}

/** Top-level field names of the documents, in upstream's order first. */
function fieldNames(docs: readonly (IncidentDocument | undefined)[]): string[] {
  const names: string[] = [];
  for (const doc of [docs[1], docs[2], docs[0]]) {
    const map: unknown = doc?.yaml.contents;
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      const key: unknown = isNode(pair.key) ? pair.key.toJSON() : pair.key;
      if (typeof key === 'string' && !names.includes(key)) names.push(key);
    }
  }
  return names;
}

/** A YAML mapping's fields (an empty record for anything else, which the parser then reports). */
function fields(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value));
}

function asStatus(value: unknown): HealthStatus | undefined {
  return HEALTH_STATUSES.find((s) => s === value);
}
