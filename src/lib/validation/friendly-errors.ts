/**
 * Parses YAML with the `yaml` package (which keeps every node's position) and validates it with a
 * zod schema, so that each problem is reported as `file:line:column field: message`, all at once.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import {
  isMap,
  isNode,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'astro/zod';
import { cleanStrings } from '../text/clean.ts';
import { editDistance } from '../text/edit-distance.ts';

/**
 * How far aliases may expand a YAML document (the `yaml` package's `maxAliasCount`): a few
 * aliases save typing in a hand-written file; a "billion laughs" of nested aliases would take
 * more time and memory than the machine has. The package's own default, named here.
 */
export const MAX_ALIAS_COUNT = 100;

/** One problem found in an input file. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Field path such as `components[2].group`; empty for the document itself. */
  field: string;
  message: string;
}

/** An input file (or several) is invalid; `problems` lists everything wrong, in file order. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: ErrorOptions) {
    super(formatProblems(problems), options);
    this.name = 'ContentError';
    this.problems = problems;
    // The problems say where to look; a stack of our own frames would only bury them.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** A path as people should see it: relative to the working folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(path);
}

/** One line per problem: `file:line:column field: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  const n = problems.length;
  const head = `${n} problem${n === 1 ? '' : 's'} in content:`;
  return [head, ...problems.map(formatProblem)].join('\n');
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return p.field ? `  ${where} ${p.field}: ${p.message}` : `  ${where} ${p.message}`;
}

/** Where a YAML text sits in its file. */
export interface YamlSource {
  text: string;
  /** Path shown in problems. */
  file: string;
  /** Lines before the YAML in the file (front matter starts after the `---` line). */
  lineOffset?: number;
}

/** Result of parsing: the parsed data, or every problem found. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: Problem[] };

/** A YAML document with the means to point at any of its nodes. */
export interface LocatedYaml {
  doc: Document.Parsed;
  value: unknown;
  problems: Problem[];
  /** Position of the node at a field path (or of its nearest existing parent). */
  locate(path: readonly PropertyKey[], key?: string): { line: number; column: number };
}

/** Parses YAML, keeping positions; syntax errors come back as problems. */
export function readYaml(source: YamlSource): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const offset = source.lineOffset ?? 0;
  const at = (pos: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(pos);
    return { line: line + offset, column: col };
  };
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    file: source.file,
    ...at(errorStart(doc, e)),
    field: '',
    message: `YAML ${e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${firstLine(e.message)}`,
  }));
  let value: unknown;
  if (!problems.length) {
    try {
      // Strings are cleaned here too: a double-quoted "\e[31m" or "\0" holds what the file did not.
      value = cleanStrings(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      // The package says only "Excessive alias count…", with no position: point at the first alias.
      if (!(error instanceof ReferenceError)) throw error;
      problems.push({
        file: source.file,
        ...at(firstAlias(doc)),
        field: '',
        message: `YAML aliases expand too far (the limit is ${MAX_ALIAS_COUNT} aliased nodes): write the values out`,
      });
    }
  }
  return {
    doc,
    value,
    problems,
    locate(path, key) {
      let node: unknown = doc.contents;
      let found = node;
      for (const segment of path) {
        if (isMap(node)) node = node.get(segment, true);
        else if (isSeq(node) && typeof segment === 'number') node = node.get(segment, true);
        else break;
        if (!isNode(node)) break;
        found = node;
      }
      if (key !== undefined && isMap(found)) {
        const pair = found.items.find(
          (item) => isNode(item.key) && String((item.key as { value?: unknown }).value) === key,
        );
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      if (isNode(found) && found.range) return at(found.range[0]);
      return { line: 1 + offset, column: 1 };
    },
  };
}

/** Parses YAML and validates it with a schema; all problems come back with positions. */
export function parseYamlWith<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): Parsed<z.output<S>> {
  const yaml = readYaml(source);
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  return validateLocated(yaml, source.file, schema);
}

/** Validates an already-read YAML value, pointing problems at its nodes. */
export function validateLocated<S extends z.ZodType>(
  yaml: LocatedYaml,
  file: string,
  schema: S,
): Parsed<z.output<S>> {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: zodProblems(result.error.issues, yaml, file, schema) };
}

/** Turns zod issues into located problems; unknown keys point at the key itself. */
export function zodProblems(
  issues: readonly z.core.$ZodIssue[],
  yaml: LocatedYaml,
  file: string,
  schema?: z.ZodType,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          file,
          ...yaml.locate(issue.path, key),
          field: fieldPath([...issue.path, key]),
          message: `unknown field "${key}"${suggest(key, schema && knownKeysAt(schema, issue.path))}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length) {
      // Report the branch that got furthest, as its messages are the most specific.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      problems.push(...zodProblems(best, yaml, file, schema));
      continue;
    }
    problems.push({
      file,
      ...yaml.locate(issue.path),
      field: fieldPath(issue.path),
      message: friendlyMessage(issue),
    });
  }
  return sortProblems(problems);
}

/** Orders problems by file, line and column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** `components[2].check.url` from `['components', 2, 'check', 'url']`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** zod's wording, made plain where it is cryptic ("received undefined" means a missing field). */
function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `required field is missing (expected ${issue.expected})`;
  }
  return issue.message;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length)) - issues.length / 100;
}

/**
 * Where an editor should look for a YAML error. The `yaml` package reports an unclosed quote where
 * the input ends, which can be many lines (or a whole file) after the opening quote; point at the
 * quote that was never closed instead.
 */
function errorStart(doc: Document.Parsed, error: YAMLError): number {
  const pos = error.pos[0];
  if (error.code !== 'MISSING_CHAR' || !error.message.startsWith('Missing closing')) return pos;
  let start = pos;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range && node.range[0] < pos && node.range[1] >= pos) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

/** Where the document's first alias (`*name`) starts; its start when it has none. */
function firstAlias(doc: Document.Parsed): number {
  let start = 0;
  visit(doc, {
    Alias(_key, node) {
      start = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return start;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** " (did you mean "components"?)" for a key one or two edits away from a known one. */
function suggest(key: string, known: readonly string[] | undefined): string {
  const close = known?.find((k) => editDistance(k, key) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

/** The field names an object schema accepts at a path (all branches of a union together). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let nodes: unknown[] = [schema];
  for (const segment of [...path, undefined]) {
    const next: unknown[] = [];
    const visit = (node: unknown): void => {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return;
      const inner = def['innerType'] ?? (def['type'] === 'pipe' ? def['in'] : undefined);
      if (inner) return visit(inner);
      if (def['type'] === 'union') return (def['options'] as unknown[]).forEach(visit);
      if (segment === undefined) return void next.push(node);
      if (def['type'] === 'object') {
        const child = (def['shape'] as Record<string, unknown>)[String(segment)];
        if (child) next.push(child);
      } else if (def['type'] === 'array' && typeof segment === 'number') next.push(def['element']);
      else if (def['type'] === 'record') next.push(def['valueType']);
    };
    nodes.forEach(visit);
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of nodes) {
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def['type'] === 'object') for (const k of Object.keys(def['shape'] as object)) keys.add(k);
  }
  return [...keys];
}
