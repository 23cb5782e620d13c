/**
 * Markdown files with YAML front matter: splits the two, validates the front matter with a schema
 * (problems keep their file, line and field), and leaves the body as Markdown.
 */
import type { z } from 'astro/zod';
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

const FENCE = /^---[ \t]*$/;

/** Splits `---` front matter from the body. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return undefined;
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) return undefined;
  return {
    yaml: lines.slice(1, close).join('\n'),
    body: lines
      .slice(close + 1)
      .join('\n')
      .trim(),
  };
}

/** Reads a Markdown file's front matter through a schema. */
export function parseFrontMatter<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Parsed<FrontMatterFile<z.output<S>>> {
  const split = splitFrontMatter(text);
  if (!split) {
    const problem: Problem = {
      file,
      line: 1,
      column: 1,
      field: '',
      message: 'missing front matter: the file must start with a line "---", then YAML, then "---"',
    };
    return { ok: false, problems: [problem] };
  }
  const yaml = readYaml({ text: split.yaml, file, lineOffset: 1 });
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  const parsed = validateLocated(yaml, file, schema);
  if (!parsed.ok) return parsed;
  return { ok: true, data: { data: parsed.data, body: split.body, yaml } };
}
