/**
 * Issues opened with an incident form that offers templates: GitHub writes the
 * form's answers into the body as `### <label>` sections, and an empty answer as `_No response_`.
 * Two sections mean something to the sync: `Template` (a template's name from
 * `content/templates/`, or `none`) and `Message` (the first update's words). A body without these
 * sections is read as it is, as before.
 */

/** What a form's body says; `message` is the whole body when it is not a form. */
export interface IssueForm {
  /** The template chosen, if any. */
  template: string | undefined;
  /** The first update's words; '' when the form's message was left empty. */
  message: string;
}

/** The answer GitHub writes for a field left empty. */
const NO_RESPONSE = '_No response_';

/** Reads the form's sections from an issue body. */
export function readIssueForm(body: string): IssueForm {
  const sections = new Map<string, string>();
  const parts = body.replace(/\r\n?/g, '\n').split(/^### +(.+?) *$/m);
  // split() with a group alternates: text before the first heading, then heading, text, …
  for (let i = 1; i < parts.length; i += 2) {
    const answer = (parts[i + 1] ?? '').trim();
    sections.set(parts[i]!.trim().toLowerCase(), answer === NO_RESPONSE ? '' : answer);
  }
  if (!sections.has('template') && !sections.has('message')) {
    return { template: undefined, message: body };
  }
  const template = sections.get('template')?.trim();
  return {
    template: template && template.toLowerCase() !== 'none' ? template : undefined,
    message: sections.get('message') ?? '',
  };
}
