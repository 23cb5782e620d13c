/**
 * Templates for `incident new`: the one named by `--template`, or, on a terminal, the one chosen
 * from a list; `incident templates` lists them. What a template says (`content/templates.ts`) is a
 * default: a flag given on the command line wins. Placeholders are filled once the components are
 * known: their names, the channels that still work, the site's title.
 */
import { readTemplates, type Template } from '../content/templates.ts';
import { templateText } from '../model/template-text.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import type { HealthStatus } from '../status.ts';
import type { EditorRun } from './context.ts';
import { UsageError } from './errors.ts';
import { didYouMean } from '../text/closest.ts';

/** The site's templates; a template with a problem stops the command, naming file and line. */
export function siteTemplates(run: EditorRun): Template[] {
  const { templates, problems } = readTemplates(
    run.contentDir,
    run.config.site.locale,
    run.componentIds,
  );
  if (problems.length) throw new ContentError(problems);
  return templates;
}

/**
 * The template to start from: the one `--template` names; on a terminal without it, one chosen
 * from the list (Enter for none); otherwise none.
 */
export async function chooseTemplate(
  run: EditorRun,
  given: string | undefined,
): Promise<Template | undefined> {
  if (given === undefined && !run.asker.interactive) return undefined;
  const templates = siteTemplates(run);
  if (given !== undefined) return byName(templates, given);
  if (templates.length === 0) return undefined;
  const none = '-';
  const name = await run.asker.ask({
    flag: 'template',
    given: undefined,
    question: 'Start from a template',
    choices: [
      ...templates.map((t) => ({
        value: t.name,
        ...(t.description ? { label: t.description } : {}),
      })),
      { value: none, label: 'none: a blank incident' },
    ],
    default: none,
    parse: (raw) => (raw === none ? none : byName(templates, raw).name),
  });
  return name === none ? undefined : byName(templates, name);
}

/** A template's title and message with the incident's placeholders filled in. */
export function filledTemplate(
  run: EditorRun,
  text: string,
  affected: Readonly<Record<string, HealthStatus>>,
): string {
  return templateText(run.config, text, affected);
}

/** `incident templates`: the templates this site offers, one per line. */
export function listTemplates(run: EditorRun): void {
  const templates = siteTemplates(run);
  if (templates.length === 0) {
    run.out(
      `No templates: add Markdown files to templates/ (or templates/${run.config.site.locale}/) in the content folder.`,
    );
    return;
  }
  const width = Math.max(...templates.map((t) => t.name.length));
  for (const t of templates) run.out(`${t.name.padEnd(width)}  ${t.description ?? t.title}`);
}

function byName(templates: readonly Template[], name: string): Template {
  const found = templates.find((t) => t.name === name.trim());
  if (found) return found;
  const names = templates.map((t) => t.name);
  throw new UsageError(
    `--template "${name}" is not a template${didYouMean(name, names)}; ${
      names.length ? `known templates: ${names.join(', ')}` : 'there are no templates in templates/'
    }`,
  );
}
