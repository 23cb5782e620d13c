/**
 * The service's answer pages: small, accessible HTML with no script — a heading, a few sentences,
 * at most a form or two with plain buttons, and a link back to the status page. Light and dark
 * follow the system, as on the status page.
 */
import type { Locale } from '../config/schema.ts';
import { escapeHtml } from '../feeds/absolute-html.ts';

/** A form on an answer page: posts to `action`, with optional checkboxes. */
export interface PageForm {
  action: string;
  button: string;
  /** A fieldset of checkboxes named `component`. */
  choices?: { legend: string; options: { value: string; label: string; checked: boolean }[] };
}

export interface PageContent {
  locale: Locale;
  title: string;
  paragraphs: readonly string[];
  forms?: readonly PageForm[];
  back: { href: string; label: string };
}

/** The whole document. */
export function renderPage(content: PageContent): string {
  const e = escapeHtml;
  const forms = (content.forms ?? []).map((form) => {
    const choices = form.choices
      ? `<fieldset><legend>${e(form.choices.legend)}</legend>${form.choices.options
          .map(
            (o, i) =>
              `<p><input type="checkbox" id="c${i}" name="component" value="${e(o.value)}"${o.checked ? ' checked' : ''}> <label for="c${i}">${e(o.label)}</label></p>`,
          )
          .join('')}</fieldset>`
      : '';
    return `<form method="post" action="${e(form.action)}">${choices}<p><button type="submit">${e(form.button)}</button></p></form>`;
  });
  return `<!doctype html>
<html lang="${e(content.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(content.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${e(content.title)}</h1>
${content.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}
${forms.join('\n')}
<p><a href="${e(content.back.href)}">${e(content.back.label)}</a></p>
</main>
</body>
</html>
`;
}

const STYLE =
  ':root{color-scheme:light dark}body{margin:0 auto;max-width:40rem;padding:1rem;font:1rem/1.5 system-ui,sans-serif}fieldset{border:1px solid;margin:1rem 0}button{font:inherit;padding:.4rem 1rem}';
