/**
 * The GitHub issue form that posts an incident (`.github/ISSUE_TEMPLATE/incident.yml`), made from
 * the configuration, and the reading of the issue body that form produces. Both directions live
 * here so that the form's field labels and choices have one home.
 *
 * GitHub writes a form's answers into the issue body as Markdown: for each field in order, a line
 * `### <label>`, a blank line, then the answer — the chosen options joined by ", ", the text as
 * typed, or `_No response_` for a field left empty. The form has up to four fields:
 *
 *   ### Template             `<name> — <description>`, or the none choice (only when the site
 *                            has templates: content/templates/, content/templates/<locale>/)
 *   ### Impact               one of the impact choices; its first word is the impact
 *   ### Components           component choices, each `<name> (<id>)`
 *   ### What is happening    the first update, everything to the end of the body
 *
 * A form's choices are read as the labels they stand for (`impact:<level>`, `component:<id>`), so
 * one rule decides whichever way an editor chose: the highest impact, the worst status. Impact
 * and the first update may be left empty, so that a chosen template's impact and words apply; the
 * template is returned by name, and the sync applies it (sync.ts).
 */
import { stringify } from 'yaml';
import type { Config } from '../config/schema.ts';
import type { Template } from '../content/templates.ts';
import { absolute, paths } from '../paths.ts';
import { IMPACTS, isImpact, type Impact } from '../status.ts';
import { DEFAULT_COMPONENT_STATUS, DEFAULT_IMPACT } from './labels.ts';

/** Where GitHub looks for issue templates, from the repository's root. */
export const ISSUE_TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';

/** The field labels: the headings of the issue body, and how the sync finds the answers. */
export const FORM_LABELS = {
  template: 'Template',
  impact: 'Impact',
  components: 'Components',
  update: 'What is happening',
} as const;

/** What each impact means, as the form offers it; the first word of each choice is the impact. */
export const IMPACT_CHOICES: Record<Impact, string> = {
  minor: 'minor — some customers notice (a slow page, one feature failing)',
  major: 'major — many customers cannot use a service',
  critical: 'critical — most customers cannot reach the business',
  // GitHub reserves the bare option "None"; the explanation after the word keeps it distinct.
  none: 'none — nothing customers notice (a note for the record)',
};

/** GitHub's answer for a field left empty. */
const NO_RESPONSE = '_No response_';

/**
 * The Template dropdown's first choice. GitHub reserves the bare option "None"; the words after
 * the dash keep this one distinct, and its first word is what the reader looks for.
 */
export const NO_TEMPLATE_CHOICE = 'none — write the incident below';

/** What separates a choice's first word (an impact, a template's name) from its explanation. */
const CHOICE_DASH = ' — ';

/** A template as the form offers it: its name for the sync, its description for people. */
export function templateChoice(template: Pick<Template, 'name' | 'description' | 'title'>): string {
  return `${template.name}${CHOICE_DASH}${template.description ?? template.title}`;
}

/** A component as the form offers it: its name for people, its id for the sync. */
export function componentChoice(component: { id: string; name: string }): string {
  return `${component.name} (${component.id})`;
}

/**
 * The files of `.github/ISSUE_TEMPLATE/`, by name, for a configuration and the incident templates
 * of its language (`readTemplates`); with none, the form has no Template field.
 */
export function issueTemplateFiles(
  config: Config,
  templates: readonly Pick<Template, 'name' | 'description' | 'title'>[] = [],
): Map<string, string> {
  return new Map([
    ['incident.yml', renderYaml(INCIDENT_FORM_HEADER, incidentForm(config, templates))],
    ['config.yml', renderYaml(CONFIG_HEADER, chooserConfig(config))],
  ]);
}

/** What a form-made issue body says. */
export interface IssueFormReading {
  /** The choices, as the labels they stand for. */
  labels: string[];
  /** The first update's text; '' when left empty (a chosen template's words then apply). */
  text: string;
  /** The name of the template chosen; undefined for none. Whether it exists is the sync's to say. */
  template: string | undefined;
  /** Choices that name nothing known (for the log). */
  skipped: string[];
}

/**
 * Reads an issue body the form produced; undefined when the body is not one (a plain issue), whose
 * text is then the first update as it stands.
 */
export function readIssueForm(
  body: string,
  components: readonly { id: string; name: string }[],
): IssueFormReading | undefined {
  const sections = formSections(body);
  const impactText = sections.get(FORM_LABELS.impact);
  const text = sections.get(FORM_LABELS.update);
  if (impactText === undefined || text === undefined) return undefined;
  const labels: string[] = [];
  const skipped: string[] = [];

  const word = impactText.split(/[\s—-]/)[0]?.toLowerCase() ?? '';
  if (isImpact(word)) labels.push(`impact:${word}`);
  else if (impactText !== '')
    skipped.push(`form: impact "${impactText}" is not one of the choices`);

  // The none choice is matched whole, so that a template may be called `none` too.
  const templateAnswer = sections.get(FORM_LABELS.template) ?? '';
  const template =
    templateAnswer === '' || templateAnswer === NO_TEMPLATE_CHOICE
      ? undefined
      : templateAnswer.split(/\s/)[0];

  const picked = sections.get(FORM_LABELS.components) ?? '';
  if (picked !== '') {
    const { ids, rest } = readComponentChoices(picked, components);
    labels.push(...ids.map((id) => `component:${id}`));
    if (rest) skipped.push(`form: components "${rest}" name no component in heliograph.yaml`);
  }
  return { labels, text, template, skipped };
}

/**
 * The chosen components' ids. Choices are matched whole against today's configuration, so a name
 * holding ", " still reads as one; a choice whose name has changed since the form was made is
 * still known by the id in its parentheses. What matches nothing is returned for the log.
 */
function readComponentChoices(
  chosen: string,
  components: readonly { id: string; name: string }[],
): { ids: string[]; rest: string } {
  const ids: string[] = [];
  let rest = `, ${chosen}, `;
  for (const component of components) {
    const choice = `, ${componentChoice(component)}, `;
    if (!rest.includes(choice)) continue;
    ids.push(component.id);
    rest = rest.replace(choice, ', ');
  }
  const known = new Set(components.map((c) => c.id));
  // A choice made before a rename: `<old name> (<id>)`, between ", " separators.
  rest = rest.replace(/, ((?:(?!, ).)*?)\(([a-z0-9-]+)\)(?=, )/g, (whole, _name, id: string) => {
    if (!known.has(id) || ids.includes(id)) return whole;
    ids.push(id);
    return '';
  });
  const left = rest
    .split(', ')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(', ');
  return { ids, rest: left };
}

/**
 * The answers by field label. Only the form's own headings split the body, so a `###` heading an
 * editor writes inside the update stays in its text.
 */
function formSections(body: string): Map<string, string> {
  const known = new Set<string>(Object.values(FORM_LABELS));
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const heading = /^###[ \t]+(.+?)[ \t]*$/.exec(line)?.[1];
    // The update runs to the end of the body: nothing after its heading starts a new field.
    if (heading !== undefined && known.has(heading) && !sections.has(FORM_LABELS.update)) {
      current = [];
      sections.set(heading, current);
    } else current?.push(line);
  }
  return new Map(
    [...sections].map(([label, lines]) => {
      const text = lines.join('\n').trim();
      return [label, text === NO_RESPONSE ? '' : text];
    }),
  );
}

const INCIDENT_FORM_HEADER = `Made by \`npm run issue-form\` from content/heliograph.yaml and content/templates/: run it
again after changing the components or the templates (npm test fails until then). The sync reads
what this form writes (src/lib/github/issue-form.ts); an issue counts only when its author may
write to the repository.`;

const CONFIG_HEADER = `Made by \`npm run issue-form\` from content/heliograph.yaml, with incident.yml beside it.`;

/** The incident form: GitHub's form schema, field for field. */
function incidentForm(
  config: Config,
  templates: readonly Pick<Template, 'name' | 'description' | 'title'>[],
): Record<string, unknown> {
  // With templates, impact and the first update may be left empty, so that a template's apply;
  // without, the form asks for them as it always has.
  const offered = templates.length > 0;
  const required = offered ? {} : { validations: { required: true } };
  const impacts = [
    DEFAULT_IMPACT,
    ...IMPACTS.filter((i) => i !== DEFAULT_IMPACT && i !== 'none'),
    'none' as const,
  ];
  const templateField = {
    type: 'dropdown',
    id: 'template',
    attributes: {
      label: FORM_LABELS.template,
      description:
        "Start from words written in advance: the fields below left empty take the template's impact, components and message.",
      options: [NO_TEMPLATE_CHOICE, ...templates.map(templateChoice)],
      default: 0,
    },
  };
  return {
    name: 'Incident',
    description: 'Post an incident on the status page (people with write access only).',
    labels: [config.github.label],
    body: [
      {
        type: 'markdown',
        attributes: {
          value: [
            'This issue becomes an incident on the status page once the sync runs, if you may write to',
            "this repository. Its title is the incident's title. Each comment is an update: start one",
            'with `Identified:`, `Monitoring:` or `Resolved:` to change the status. Closing the issue',
            'resolves the incident.',
          ].join('\n'),
        },
      },
      ...(offered ? [templateField] : []),
      {
        type: 'dropdown',
        id: 'impact',
        attributes: {
          label: FORM_LABELS.impact,
          description: offered
            ? `How bad it is for customers; left empty, the template's impact (else ${DEFAULT_IMPACT}). A label \`impact:<level>\` can change it later.`
            : 'How bad it is for customers. A label `impact:<level>` can raise it later.',
          options: impacts.map((i) => IMPACT_CHOICES[i]),
          ...(offered ? {} : { default: 0 }),
        },
        ...required,
      },
      {
        type: 'dropdown',
        id: 'components',
        attributes: {
          label: FORM_LABELS.components,
          description: `What is affected; each is shown as ${DEFAULT_COMPONENT_STATUS}${offered ? " (left empty, the template's components)" : ''}. A label \`component:<id>=down\` says it is wholly down.`,
          multiple: true,
          options: config.components.map(componentChoice),
        },
      },
      {
        type: 'textarea',
        id: 'update',
        attributes: {
          label: FORM_LABELS.update,
          description: `The first update, as customers will read it (Markdown)${offered ? "; left empty, the template's message" : ''}. It is "Investigating" unless it starts with another status word, such as \`Identified:\`.`,
          placeholder: 'Orders fail at the payment step. We are looking into it.',
        },
        ...required,
      },
    ],
  };
}

/** The template chooser: blank issues stay possible, and visitors find the status page. */
function chooserConfig(config: Config): Record<string, unknown> {
  return {
    blank_issues_enabled: true,
    contact_links: [
      {
        name: `${config.site.title}`,
        url: absolute(config.site.url, config.site.base, paths.home()),
        about: 'The status page: what works now, incidents, and how to reach us meanwhile.',
      },
    ],
  };
}

function renderYaml(header: string, data: Record<string, unknown>): string {
  const comment = header
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `${comment}\n${stringify(data, { lineWidth: 100 })}`;
}
