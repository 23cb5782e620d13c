/**
 * Markdown files with YAML front matter: the one place that cuts a file at its fences, for reading
 * (through a schema, problems keeping their file, line and field) and for writing back.
 *
 * Grammar: an optional byte-order mark, a line `---`, the YAML, a line `---`, then the Markdown
 * body. A fence may carry trailing spaces or tabs. Lines end in `\n` or `\r\n`; the YAML is read
 * with `\n` whatever the file uses, and YAML written back gets the line ending of the opening
 * fence, so that a file saved on Windows stays a Windows file. The byte-order mark, the fences and
 * the body are written back exactly as they were.
 */
import type { z } from 'astro/zod';
import { stringify } from 'yaml';
import {
  readYaml,
  validateLocated,
  type LocatedYaml,
  type Parsed,
  type Problem,
} from '../validation/friendly-errors.ts';

/** A validated Markdown file. */
export interface FrontMatterFile<T> {
  data: T;
  body: string;
  yaml: LocatedYaml;
}

/** A file cut at its front matter; `joinFrontMatter` puts it back together. */
export interface FrontMatterParts {
  /** The byte-order mark, if any, and the opening fence with its line ending, as written. */
  head: string;
  /** The YAML between the fences, its line endings made `\n`. */
  yaml: string;
  /** The closing fence and everything after it, as written. */
  tail: string;
  /** The file's line ending, read from the opening fence. */
  eol: '\n' | '\r\n';
}

/**
 * How YAML is written: never folded (`lineWidth: 0`), so long lines stay as typed and `git diff`
 * shows only what changed; multi-line texts then come out as literal blocks (`|`).
 */
export const YAML_OUTPUT = { lineWidth: 0 } as const;

const OPEN = /^\uFEFF?---[ \t]*(\r?\n)/;
const FENCE = /^---[ \t]*\r?$/;

/** Cuts a file at its front matter; undefined when it has none. */
export function splitFrontMatter(text: string): FrontMatterParts | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const start = open[0].length;
  for (let at = start; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (FENCE.test(line)) {
      return {
        head: open[0],
        yaml: text.slice(start, at).replace(/\r\n/g, '\n'),
        tail: text.slice(at),
        eol: open[1] === '\r\n' ? '\r\n' : '\n',
      };
    }
    if (end < 0) break;
    at = end + 1;
  }
  return undefined;
}

/** The file with `yaml` (written with `\n`) between its fences, in the file's line endings. */
export function joinFrontMatter(parts: FrontMatterParts, yaml: string): string {
  const lines = parts.eol === '\n' ? yaml : yaml.replace(/\n/g, parts.eol);
  return `${parts.head}${lines}${parts.tail}`;
}

/** The Markdown body: what follows the closing fence, trimmed, with `\n` line endings. */
export function frontMatterBody(parts: FrontMatterParts): string {
  const afterFence = parts.tail.indexOf('\n');
  return afterFence < 0 ? '' : parts.tail.slice(afterFence + 1).replace(/\r\n/g, '\n').trim();
}

/** The text of a new file: `data` as front matter, then the body (if any) after a blank line. */
export function renderFrontMatter(data: object, body = ''): string {
  const text = body.trim();
  return `---\n${stringify(data, YAML_OUTPUT)}---\n${text ? `\n${text}\n` : ''}`;
}

/**
 * Reads the YAML between the fences, keeping positions (line 1 is the opening fence). The final
 * line break is left out, so a problem at the end of the YAML (an unclosed bracket) points at
 * the end of its last line, where an editor looks, rather than at the closing fence.
 */
export function readFrontMatterYaml(parts: FrontMatterParts, file: string): LocatedYaml {
  return readYaml({ text: parts.yaml.replace(/\n$/, ''), file, lineOffset: 1 });
}

/** The problem of a file without front matter. */
export function missingFrontMatter(file: string): Problem {
  return {
    file,
    line: 1,
    column: 1,
    field: '',
    message: 'missing front matter: the file must start with a line "---", then YAML, then "---"',
  };
}

/** Reads a Markdown file's front matter through a schema. */
export function parseFrontMatter<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Parsed<FrontMatterFile<z.output<S>>> {
  const split = splitFrontMatter(text);
  if (!split) return { ok: false, problems: [missingFrontMatter(file)] };
  const yaml = readFrontMatterYaml(split, file);
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  const parsed = validateLocated(yaml, file, schema);
  if (!parsed.ok) return parsed;
  return { ok: true, data: { data: parsed.data, body: frontMatterBody(split), yaml } };
}
