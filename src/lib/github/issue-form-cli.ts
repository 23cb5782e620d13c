/**
 * `npm run issue-form`: writes `.github/ISSUE_TEMPLATE/incident.yml` and `config.yml` from the
 * configuration and the incident templates of the site's language, so that the form offers
 * today's components and templates; `--check` only says whether they are up to date (the tests
 * run it on this repository). Options and help: ISSUE_FORM_COMMAND below.
 */
import { join } from 'node:path';
import { CONTENT_OPTION, readCommandLine, type CommandSpec } from '../cli/command-line.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { readTemplates, TEMPLATES_FOLDER, type Template } from '../content/templates.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { readTextIfExists } from '../fs/read.ts';
import { ContentError, displayPath } from '../validation/friendly-errors.ts';
import { ISSUE_TEMPLATE_DIR, issueTemplateFiles } from './issue-form.ts';

/** What the command touches from outside. */
export interface IssueFormDeps {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the command; resolves to the exit code. */
export function issueFormMain(argv: readonly string[], deps: IssueFormDeps): number {
  const io = { name: 'issue-form', ...deps };
  const line = readCommandLine(argv, ISSUE_FORM_COMMAND, io);
  if (!line.ok) return line.code;
  const { values } = line;
  let config: Config;
  let templates: Template[];
  try {
    config = loadConfig(values.content);
    const read = readTemplates(
      values.content,
      config.site.locale,
      new Set(config.components.map((c) => c.id)),
    );
    // A template the form cannot offer as written is named, not silently left out.
    if (read.problems.length) throw new ContentError(read.problems);
    templates = read.templates;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    deps.stderr(`issue-form: ${error.message}\n`);
    return 1;
  }
  const stale: string[] = [];
  try {
    for (const [name, text] of issueTemplateFiles(config, templates)) {
      const path = join(values.out, name);
      const shown = displayPath(path);
      if (values.check) {
        if (readTextIfExists(path) !== text) stale.push(shown);
      } else {
        deps.stdout(`${writeFileAtomic(path, text) ? 'wrote' : 'unchanged'} ${shown}\n`);
      }
    }
  } catch (error) {
    const cause = (error as Error).cause;
    deps.stderr(
      `issue-form: ${(error as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}\n`,
    );
    return 3;
  }
  if (stale.length) {
    deps.stderr(
      `issue-form: ${stale.join(', ')} ${stale.length === 1 ? 'does' : 'do'} not match ${displayPath(join(values.content, 'heliograph.yaml'))} and ${displayPath(join(values.content, TEMPLATES_FOLDER))}/: run \`npm run issue-form\`\n`,
    );
    return 1;
  }
  if (values.check) deps.stdout('issue-form: the issue templates match the configuration\n');
  return 0;
}

/** The command line of `npm run issue-form`. */
export const ISSUE_FORM_COMMAND = {
  usage: ['npm run issue-form -- [options]'],
  summary: [
    'Writes the GitHub issue form that posts an incident (incident.yml: title, template, impact,',
    'components, first update) and the template chooser (config.yml) from heliograph.yaml and the',
    "incident templates of the site's language (templates/, templates/<locale>/).",
  ].join('\n'),
  options: {
    content: CONTENT_OPTION,
    out: {
      type: 'string',
      default: ISSUE_TEMPLATE_DIR,
      value: 'DIR',
      help: `where to write them (default: ${ISSUE_TEMPLATE_DIR})`,
    },
    check: {
      type: 'boolean',
      default: false,
      help: 'write nothing; exit 1 if the files differ from what would be written',
    },
  },
  examples: ['npm run issue-form', 'npm run issue-form -- --check'],
  notes: [
    'Exit codes: 0 done (or up to date); 1 an invalid configuration or template, or files out of',
    'date with --check; 2 bad usage; 3 a file cannot be read or written.',
  ],
} as const satisfies CommandSpec;
