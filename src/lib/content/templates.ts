/**
 * Incident templates: `content/templates/<name>.md`, so that an editor under pressure starts from
 * words written in calm. A template is an incident's first update in advance: front matter with
 * the title and, optionally, the impact, the status and the affected components; the Markdown
 * body is the message. Files directly in `templates/` serve whatever the site's language; a folder
 * named after a language (`templates/it/`) serves only a site in that language, which is how the
 * example ships the same templates in English, Italian and French.
 *
 * Placeholders, in the title and the message: `{{name}}`, spaces inside the braces allowed.
 *
 * | placeholder     | becomes                                                                  |
 * | --------------- | ------------------------------------------------------------------------ |
 * | `{{component}}` | the affected components' names, as a list in the site's language         |
 * | `{{channel}}`   | the contact channels still working, as links, in fallback order          |
 * | `{{site}}`      | the site's title                                                         |
 *
 * Any other name is an error, named with its file, line and column, so that a typo never reaches
 * customers as `{{chanel}}`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { idSchema, type Locale } from '../config/schema.ts';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import { HEALTH_STATUSES, IMPACTS, INCIDENT_STATUSES } from '../status.ts';
import { displayPath, type Parsed, type Problem } from '../validation/friendly-errors.ts';
import { unknownIdMessage } from '../validation/unknown-id.ts';
import { parseFrontMatter, splitFrontMatter } from './front-matter.ts';

/** The placeholders a template may use, each with what it becomes. */
export const PLACEHOLDERS = {
  component: "the affected components' names, as a list in the site's language",
  channel: 'the contact channels still working, as links, in fallback order',
  site: "the site's title",
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

/** The folder of templates inside the content folder. */
export const TEMPLATES_FOLDER = 'templates';

/** Front matter of a template: what the incident it starts gets unless the editor says otherwise. */
export const templateSchema = z.strictObject({
  /** The incident's title; placeholders allowed. */
  title: z.string().trim().min(1, 'a title is required'),
  /** One line shown beside the template's name where templates are offered. */
  description: z.string().trim().min(1).optional(),
  impact: z.enum(IMPACTS).optional(),
  /** The first update's status; `investigating` when absent. */
  status: z.enum(INCIDENT_STATUSES).optional(),
  /** Affected components and their statuses; asked for when absent. */
  components: z.record(idSchema, z.enum(HEALTH_STATUSES)).optional(),
});

/** A template, read and checked. */
export interface Template {
  /** The file name without `.md`: what `--template` takes. */
  name: string;
  file: string;
  title: string;
  description: string | undefined;
  impact: z.output<typeof templateSchema>['impact'];
  status: z.output<typeof templateSchema>['status'];
  components: z.output<typeof templateSchema>['components'];
  /** The first update's message, in Markdown, placeholders unfilled. */
  message: string;
}

/**
 * The templates for a site in `locale`: those directly in `templates/` and those in
 * `templates/<locale>/`, the latter winning a name both have; sorted by name. Every problem of
 * every file is returned (templates that could be read are returned too), a file refused by the
 * content reader (a link out of the content folder, a folder named like a file) among them.
 */
export function readTemplates(
  contentDir: string,
  locale: Locale,
  components: ReadonlySet<string>,
): { templates: Template[]; problems: Problem[] } {
  const root = join(contentDir, TEMPLATES_FOLDER);
  const byName = new Map<string, Template>();
  const problems: Problem[] = [];
  for (const dir of [root, join(root, locale)]) {
    for (const name of list(dir)) {
      const path = join(dir, name);
      const shown = displayPath(path);
      let text: string;
      try {
        // A template is as long as an incident's first update, so an entry's limit is ample.
        text = readContentText(path, { within: contentDir, limit: CONTENT_LIMITS.entry });
      } catch (error) {
        if (!(error instanceof ContentFileError)) throw error;
        problems.push({ file: shown, line: 1, column: 1, field: '', message: error.reason });
        continue;
      }
      const parsed = parseTemplate(text, shown, components);
      if (parsed.ok) byName.set(parsed.data.name, parsed.data);
      else problems.push(...parsed.problems);
    }
  }
  const templates = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { templates, problems };
}

/** Parses one template's text: its front matter, its components and its placeholders. */
export function parseTemplate(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): Parsed<Template> {
  const parsed = parseFrontMatter(text, file, templateSchema);
  if (!parsed.ok) return parsed;
  const { data, body, yaml } = parsed.data;
  const problems: Problem[] = [];
  for (const id of Object.keys(data.components ?? {})) {
    if (components.has(id)) continue;
    problems.push({
      file,
      ...yaml.locate(['components'], id),
      field: `components.${id}`,
      message: unknownIdMessage({ what: 'component', id, known: components, where: ' in heliograph.yaml' }),
    });
  }
  problems.push(...placeholderProblems(text, file));
  if (!body.trim()) {
    problems.push({
      file,
      line: 1,
      column: 1,
      field: 'body',
      message: 'the message goes after the front matter: the template has none',
    });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    data: {
      name: file.replace(/^.*[\\/]/, '').replace(/\.md$/, ''),
      file,
      title: data.title,
      description: data.description,
      impact: data.impact,
      status: data.status,
      components: data.components,
      message: body,
    },
  };
}

/** Fills a text's placeholders (known to be valid: the template was checked). */
export function fillPlaceholders(text: string, values: Readonly<Record<Placeholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    isPlaceholder(name) ? values[name] : whole,
  );
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** Every unknown placeholder of the file, at its line and column, with the field it is in. */
function placeholderProblems(text: string, file: string): Problem[] {
  const parts = splitFrontMatter(text);
  const bodyStart = parts ? parts.head.length + parts.yaml.length : 0;
  const problems: Problem[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (isPlaceholder(name)) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index - before.lastIndexOf('\n');
    // The field is the top-level key above the placeholder in the front matter, else the body.
    const key =
      match.index < bodyStart
        ? [...before.matchAll(/^([A-Za-z_]+):/gm)].at(-1)?.[1] ?? ''
        : 'body';
    problems.push({
      file,
      line,
      column,
      field: key,
      message: `unknown placeholder {{${name}}}: use ${Object.keys(PLACEHOLDERS)
        .map((p) => `{{${p}}}`)
        .join(', ')}`,
    });
  }
  return problems;
}

/**
 * The names of a folder's templates, sorted; none when it does not exist. Whatever is named like
 * one is listed, links and folders too, so that the content reader refuses it by name.
 */
function list(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /^[a-z0-9][a-z0-9-]*\.md$/.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
}
