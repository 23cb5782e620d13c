/**
 * Parses YAML with the `yaml` package (which keeps every node's position) and validates it with a
 * zod schema, so that each problem is reported as `file:line:column field: message`, all at once.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'astro/zod';
import { cleanStrings } from '../text/clean.ts';
import { didYouMean } from '../text/closest.ts';
import { explainTypeSlip } from './type-slips.ts';
import { explainYamlError, type YamlExplanation } from './yaml-errors.ts';

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
  /** The value at a field path as written in the file, when it is a scalar (`0612345678`). */
  sourceAt(path: readonly PropertyKey[]): string | undefined;
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
  const problems = syntaxProblems(doc, source, at);
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
    sourceAt(path) {
      const node = doc.getIn(path, true);
      return isScalar(node) ? (node.source ?? String(node.value)) : undefined;
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
          message: `unknown field "${key}"${suggest(key, schema && knownKeysAt(schema, issue.path, yaml.value))}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length) {
      // Report the branch that got furthest, as its messages are the most specific.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      // A branch's issues are placed relative to the union itself.
      const placed = best.map((sub) => ({ ...sub, path: [...issue.path, ...sub.path] }));
      problems.push(...zodProblems(placed, yaml, file, schema));
      continue;
    }
    problems.push({
      file,
      ...yaml.locate(issue.path),
      field: fieldPath(issue.path),
      message: friendlyMessage(issue, yaml),
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

/**
 * zod's wording, made plain where it is cryptic: "received undefined" means a missing field, a
 * wrong type is explained by what YAML made of the text (type-slips.ts), and a value that is not
 * one of the allowed ones gets the closest allowed one.
 */
function friendlyMessage(issue: z.core.$ZodIssue, yaml: LocatedYaml): string {
  if (issue.code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) {
      return `required field is missing (expected ${issue.expected})`;
    }
    const key = issue.path.at(-1);
    return (
      explainTypeSlip({
        expected: issue.expected,
        value: valueAt(yaml.value, issue.path),
        source: yaml.sourceAt(issue.path),
        key: typeof key === 'string' ? key : undefined,
      }) ?? issue.message
    );
  }
  const allowed =
    issue.code === 'invalid_value'
      ? issue.values
      : issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)
        ? issue.options
        : undefined;
  const given = valueAt(yaml.value, issue.path);
  if (allowed && typeof given === 'string') {
    return `${issue.message}${didYouMean(
      given,
      allowed.filter((v) => typeof v === 'string'),
    )}`;
  }
  return issue.message;
}

/** The raw value at a field path, or undefined. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    const next: unknown = Reflect.get(node, segment);
    node = next;
  }
  return node;
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

/**
 * The document's syntax errors as problems: explained in terms of its keys where the mistake is one
 * of indentation or of a colon (yaml-errors.ts), else in the package's words. One mistake trips
 * more errors after it (on its line, and below while the parser finds its feet again): after an
 * explained mistake, only other explained ones are kept, and not those whose advice takes its
 * bearings from a line that is itself misplaced.
 */
function syntaxProblems(
  doc: Document.Parsed,
  source: YamlSource,
  at: (pos: number) => { line: number; column: number },
): Problem[] {
  const found: { problem: Problem; explained: YamlExplanation | undefined }[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const explained = explainYamlError(source.text, e, source.lineOffset ?? 0);
    const place = at(explained ? explained.pos : errorStart(doc, e));
    const message = explained
      ? explained.message
      : `YAML ${e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${firstLine(e.message)}`;
    found.push({ problem: { file: source.file, ...place, field: '', message }, explained });
  }
  const explainedLines = new Set(found.filter((f) => f.explained).map((f) => f.problem.line));
  const firstExplained = Math.min(...explainedLines);
  const seen = new Set<string>();
  return found
    .filter(({ problem, explained }) =>
      explained
        ? explained.about === undefined || !explainedLines.has(explained.about)
        : problem.line < firstExplained,
    )
    .map((f) => f.problem)
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
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

/**
 * ` (did you mean "timeout_seconds"?)` for a key close to a known one (a few edits away, or one
 * containing the other); otherwise the fields known there, so that the right name is in view.
 */
function suggest(key: string, known: readonly string[] | undefined): string {
  if (!known?.length) return '';
  return didYouMean(key, known) || ` (known fields here: ${known.join(', ')})`;
}

/**
 * The field names an object schema accepts at a path. Of a union, the branches the value written
 * there can be: a discriminated union's branch chosen by its discriminator (`kind: telegram`
 * offers the fields of a Telegram target), all branches together when none is chosen.
 */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  let nodes: { schema: unknown; value: unknown }[] = [{ schema, value: root }];
  for (const segment of [...path, undefined]) {
    const next: { schema: unknown; value: unknown }[] = [];
    const visit = (node: unknown, value: unknown): void => {
      const def = defOf(node);
      if (!def) return;
      const inner = def['innerType'];
      if (inner) return visit(inner, value);
      if (def['type'] === 'pipe') return [def['in'], def['out']].forEach((n) => visit(n, value));
      if (def['type'] === 'union') {
        return branches(def, value).forEach((option) => visit(option, value));
      }
      if (segment === undefined) return void next.push({ schema: node, value });
      const child = valueAt(value, [segment]);
      if (def['type'] === 'object') {
        const shape = def['shape'];
        const field: unknown =
          shape && typeof shape === 'object' ? Reflect.get(shape, segment) : undefined;
        if (field) next.push({ schema: field, value: child });
      } else if (def['type'] === 'array' && typeof segment === 'number') {
        next.push({ schema: def['element'], value: child });
      } else if (def['type'] === 'record') next.push({ schema: def['valueType'], value: child });
    };
    nodes.forEach((n) => visit(n.schema, n.value));
    nodes = next;
  }
  const keys = new Set<string>();
  for (const { schema: node } of nodes) {
    const def = defOf(node);
    if (def?.['type'] === 'object' && def['shape'] && typeof def['shape'] === 'object') {
      for (const k of Object.keys(def['shape'])) keys.add(k);
    }
  }
  return [...keys];
}

/** A union's branches the value can be: those whose discriminator matches it, else all. */
function branches(def: Record<string, unknown>, value: unknown): unknown[] {
  const options = Array.isArray(def['options']) ? def['options'] : [];
  const key = def['discriminator'];
  if (typeof key !== 'string') return options;
  const chosen = valueAt(value, [key]);
  if (chosen === undefined) return options;
  const matching = options.filter((option) => {
    const shape = defOf(option)?.['shape'];
    const literal = shape && typeof shape === 'object' ? defOf(Reflect.get(shape, key)) : undefined;
    return Array.isArray(literal?.['values']) && literal['values'].includes(chosen);
  });
  return matching.length ? matching : options;
}

/** The definition zod keeps on every schema (`_zod.def`), read without trusting its shape. */
function defOf(node: unknown): Record<string, unknown> | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const zod: unknown = Reflect.get(node, '_zod');
  if (!zod || typeof zod !== 'object') return undefined;
  const def: unknown = Reflect.get(zod, 'def');
  return def && typeof def === 'object' ? (def as Record<string, unknown>) : undefined;
}
