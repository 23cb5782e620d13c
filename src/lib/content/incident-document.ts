/**
 * The incident file as a document to edit: every writer (the editor command, the prober's
 * automatic incidents, the GitHub sync and the automatic issues) changes incident files through
 * this module, so that a file is cut at its fences one way (`front-matter.ts`) and its YAML is
 * edited through the `yaml` package's Document model, which keeps what editors wrote — their words,
 * the order of fields, quoting and comments. Nothing here reads or writes a file; that is
 * `incident-files.ts`, which also checks every text with the build's parser before writing it.
 *
 * Updates are read with an identity (`readUpdates`) and written back as a list (`writeUpdates`),
 * so that two versions of one file can be merged by meaning: an update is the same update in both
 * when it has the same `github` reference or, without one, the same instant.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isCollection, isMap, isNode, isSeq, YAMLSeq } from 'yaml';
import { INCIDENT_STATUSES, type HealthStatus, type Impact, type IncidentStatus } from '../status.ts';
import { ContentError, type Parsed } from '../validation/friendly-errors.ts';
import {
  frontMatterBody,
  joinFrontMatter,
  missingFrontMatter,
  readFrontMatterYaml,
  renderFrontMatter,
  splitFrontMatter,
  YAML_OUTPUT,
  type FrontMatterParts,
} from './front-matter.ts';
import type { IncidentData } from './incident-schema.ts';
import { parseIncidentFile, type Entry } from './parse-entry.ts';

/** An incident file opened for editing. */
export interface IncidentDocument {
  /** The file around the YAML (byte-order mark, fences, body, line endings), kept as written. */
  readonly parts: FrontMatterParts;
  /** The front matter in the `yaml` Document model. */
  readonly yaml: Document;
}

/** One update to write; its fields are written in this order. */
export interface UpdateInput {
  at: string;
  status: IncidentStatus;
  /** Component statuses from this update on. */
  components?: Record<string, HealthStatus>;
  /** Where the sync took it from on GitHub. */
  github?: string;
  /** Markdown text, for customers. */
  text: string;
  /** Technical detail (what the checks saw), shown collapsed on the incident page only. */
  detail?: string;
  /** The incident it was first posted on, when a merge brought it in. */
  merged_from?: string;
}

/** A new incident's front matter; its fields are written in the order given. */
export interface IncidentInput {
  title: string;
  impact: Impact;
  components: Record<string, HealthStatus>;
  started_at?: string;
  source?: IncidentData['source'];
  github_issue?: number;
  updates: UpdateInput[];
}

/** An update as it stands in a document, with what identifies it in any version of the file. */
export interface DocumentUpdate {
  /**
   * `github:<reference>` for an update taken from GitHub; otherwise `at:<epoch ms>`, the instant it
   * was posted (its public id, `updateId`, is that instant's minute, but two editors may well post
   * in the same minute). A repeat within one document gets `#2`, `#3`… in file order.
   */
  key: string;
  /** When it was posted, in epoch ms; NaN when its `at` cannot be read. */
  at: number;
  /** Its status, when it is one the schema knows. */
  status: IncidentStatus | undefined;
  /** Its `github` reference, if any. */
  github: string | undefined;
  /** The node as written, comments and quoting included. */
  node: unknown;
}

/** Top-level fields other than `updates`, which has its own functions. */
type Field = Exclude<keyof IncidentData, 'updates'>;

/** The frame of a new file: `---`, the YAML, `---`. */
const NEW_FILE: FrontMatterParts = { head: '---\n', yaml: '', tail: '---\n', eol: '\n' };

/** Opens a file's text for editing; a file whose front matter cannot be read gives its problems. */
export function openIncident(text: string, file: string): Parsed<IncidentDocument> {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, problems: [missingFrontMatter(file)] };
  const read = readFrontMatterYaml(parts, file);
  if (read.problems.length) return { ok: false, problems: read.problems };
  const at = read.locate([]);
  if (!isMap(read.doc.contents)) {
    const message = 'the front matter must be fields (`title: …`, `updates: …`)';
    return { ok: false, problems: [{ file, ...at, field: '', message }] };
  }
  // A list is replaced only by a list, so nothing an editor wrote under `updates` is dropped.
  if (read.doc.has('updates') && !isSeq(read.doc.get('updates', true))) {
    const where = read.locate(['updates']);
    const message = 'must be a list of updates (`- at: …`)';
    return { ok: false, problems: [{ file, ...where, field: 'updates', message }] };
  }
  return { ok: true, data: { parts, yaml: read.doc } };
}

/** A document with no fields yet, for a file that does not exist. */
export function emptyIncident(): IncidentDocument {
  return { parts: NEW_FILE, yaml: new Document({}) };
}

/** The file's text: the edited YAML in the file's own frame and line endings. */
export function incidentText(doc: IncidentDocument): string {
  return joinFrontMatter(doc.parts, doc.yaml.toString(YAML_OUTPUT));
}

/** The text of a new incident file, with an optional Markdown body (the postmortem). */
export function renderIncident(input: IncidentInput, body = ''): string {
  return renderFrontMatter({ ...input, updates: input.updates.map(updateFields) }, body);
}

/** A top-level field's value as plain data (undefined when absent); not validated. */
export function readField(doc: IncidentDocument, key: Field): unknown {
  const node: unknown = doc.yaml.get(key, true);
  return isNode(node) ? node.toJS(doc.yaml) : node;
}

/**
 * Sets a top-level field, or removes it when `value` is undefined. A field that already holds the
 * value is left alone, so its quoting and layout stay as an editor wrote them.
 */
export function setField<K extends Field>(
  doc: IncidentDocument,
  key: K,
  value: IncidentData[K] | undefined,
): void {
  if (value === undefined) {
    doc.yaml.delete(key);
    return;
  }
  if (isDeepStrictEqual(readField(doc, key), value)) return;
  doc.yaml.set(key, typeof value === 'object' ? doc.yaml.createNode(value) : value);
}

/** The updates in file order, each with its identity. Pure: the document is not changed. */
export function readUpdates(doc: IncidentDocument): DocumentUpdate[] {
  const seq = doc.yaml.get('updates', true);
  if (!isSeq(seq)) return [];
  const seen = new Map<string, number>();
  return seq.items.map((node) => {
    const update = describe(node);
    const n = (seen.get(update.key) ?? 0) + 1;
    seen.set(update.key, n);
    return n > 1 ? { ...update, key: `${update.key}#${n}` } : update;
  });
}

/**
 * Makes `updates` the document's timeline, in the order given. The list keeps its own comments;
 * each update keeps its node, so it stays as written.
 */
export function writeUpdates(doc: IncidentDocument, updates: readonly DocumentUpdate[]): void {
  const current = doc.yaml.get('updates', true);
  const seq = isSeq(current) ? current : new YAMLSeq(doc.yaml.schema);
  seq.items = updates.map((u) => u.node);
  if (seq !== current) doc.yaml.set('updates', seq);
}

/** A new update, as a node of this document, with its identity. */
export function newUpdate(doc: IncidentDocument, input: UpdateInput): DocumentUpdate {
  return describe(doc.yaml.createNode(updateFields(input)));
}

/**
 * An update as a node of `doc` (from this document or another one, comments kept) with some
 * fields changed: a value sets the field, `undefined` removes it.
 */
export function changedUpdate(
  doc: IncidentDocument,
  update: DocumentUpdate,
  fields: Partial<Record<keyof UpdateInput, unknown>>,
): DocumentUpdate {
  const node = isCollection(update.node)
    ? update.node.clone(doc.yaml.schema)
    : doc.yaml.createNode(update.node);
  if (!isMap(node)) return describe(node);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) node.delete(key);
    else node.set(key, typeof value === 'object' ? doc.yaml.createNode(value) : value);
  }
  return describe(node);
}

/** The Markdown body (the postmortem) after the front matter, trimmed; '' when there is none. */
export function readBody(doc: IncidentDocument): string {
  return frontMatterBody(doc.parts);
}

/** The document with another Markdown body after its front matter ('' for none). */
export function withBody(doc: IncidentDocument, body: string): IncidentDocument {
  const { tail, eol } = doc.parts;
  const cut = tail.indexOf('\n');
  const fence = cut < 0 ? `${tail}${eol}` : tail.slice(0, cut + 1);
  const text = body.trim().replace(/\n/g, eol);
  return { ...doc, parts: { ...doc.parts, tail: text ? `${fence}${eol}${text}${eol}` : fence } };
}

/** Appends an update at the end of the timeline. */
export function appendUpdate(doc: IncidentDocument, input: UpdateInput): void {
  writeUpdates(doc, [...readUpdates(doc), newUpdate(doc, input)]);
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

/** An update's fields in the order they are written, absent ones left out. */
function updateFields(u: UpdateInput): UpdateInput {
  return {
    at: u.at,
    status: u.status,
    ...(u.components ? { components: u.components } : {}),
    ...(u.github !== undefined ? { github: u.github } : {}),
    text: u.text,
    ...(u.detail !== undefined ? { detail: u.detail } : {}),
    ...(u.merged_from !== undefined ? { merged_from: u.merged_from } : {}),
  };
}

/** An update node's identity and the fields a merge orders by. */
function describe(node: unknown): DocumentUpdate {
  const field = (key: string): unknown => (isMap(node) ? node.get(key) : undefined);
  const at = field('at');
  const status = field('status');
  const github = field('github');
  const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  const key =
    typeof github === 'string'
      ? `github:${github}`
      : `at:${Number.isNaN(time) ? `?${String(at)}` : time}`;
  return {
    key,
    at: time,
    status: INCIDENT_STATUSES.find((s) => s === status),
    github: typeof github === 'string' ? github : undefined,
    node,
  };
}
