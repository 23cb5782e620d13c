/**
 * Markdown to safe HTML. marked does not sanitize its output, and incident text can come from a
 * GitHub issue anyone with write access typed on a phone: everything goes through sanitize-html
 * with an allow-list, so scripts, event handlers, and javascript:/data: URLs never reach a page.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { LINK_SCHEMES } from './text/link-url.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * The tags and attributes rendered Markdown may hold: what `renderMarkdown` keeps, and all that a
 * later pass over its output (feeds making links absolute) may let through. No `script`, no
 * `style`: nothing an editor writes ever needs them.
 */
export const MARKDOWN_ALLOWED: Pick<sanitizeHtml.IOptions, 'allowedTags' | 'allowedAttributes'> = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'sup',
    'sub',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
};

/**
 * What incident Markdown may produce, for a text shown on the page at `page` (see
 * `renderMarkdown`): links get `rel` and, when relative, a path on the site.
 */
function policy(page: string | undefined): sanitizeHtml.IOptions {
  return {
    ...MARKDOWN_ALLOWED,
    // Only these schemes survive in links; anything else (javascript:, data:, vbscript:) is
    // dropped.
    allowedSchemes: LINK_SCHEMES.map((scheme) => scheme.slice(0, -1)),
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Headings inside an update sit under the page's own h1/h2: the top two levels become h3 and
    // the rest follow one level down, so the outline never skips a level after the page's h2.
    transformTags: {
      h1: 'h3',
      h2: 'h3',
      h3: 'h4',
      h4: 'h5',
      h5: 'h6',
      a: (tagName, given) => {
        // The attributes in their order; a relative link resolved in its place, or left out.
        const attribs: Record<string, string> = { ...given, rel: 'nofollow noopener noreferrer' };
        const href = attribs['href'];
        if (page !== undefined && href !== undefined) {
          const resolved = resolveLink(href, page);
          if (resolved === undefined) delete attribs['href'];
          else attribs['href'] = resolved;
        }
        return { tagName, attribs };
      },
    },
    allowedClasses: {},
  };
}

/**
 * Renders Markdown to sanitized HTML. `page` is the path of the page the text belongs to
 * (`/status/incidents/x/`): the same text is shown on the home page, the history and in feeds, so
 * a relative link (`../../components/web/`, `#fix`) is resolved against it once, here, to a path
 * on the site; one that would leave the site that way loses its link.
 */
export function renderMarkdown(markdown: string, page?: string): string {
  if (!markdown.trim()) return '';
  return sanitizeHtml(parse(markdown), policy(page)).trim();
}

/**
 * A link as written, or resolved against the page's path when it is relative; undefined when
 * resolving it gives a path browsers read as another host (`//evil.example`).
 */
function resolveLink(href: string, page: string): string | undefined {
  const trimmed = href.trim();
  if (trimmed.startsWith('/') || URL.parse(trimmed) !== null) return href;
  const base = 'http://page.invalid';
  const url = URL.parse(trimmed, base + page);
  if (url === null || url.origin !== base) return undefined;
  const path = url.pathname + url.search + url.hash;
  return /^\/[/\\]/.test(path) ? undefined : path;
}

/**
 * Plain texts made so far, by their Markdown: feeds, share texts and the calendar ask for the
 * same update's text, and a build asks for thousands. Emptied when full, so that a long-running
 * process cannot grow it without end.
 */
const plainTexts = new Map<string, string>();
const PLAIN_TEXTS_KEPT = 50_000;

/** Renders Markdown and strips every tag: plain text for feeds, meta descriptions and shares. */
export function markdownToText(markdown: string): string {
  let text = plainTexts.get(markdown);
  if (text === undefined) {
    const html = parse(markdown);
    text = decodeEntities(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }))
      .replace(/\s+/g, ' ')
      .trim();
    if (plainTexts.size >= PLAIN_TEXTS_KEPT) plainTexts.clear();
    plainTexts.set(markdown, text);
  }
  return text;
}

/**
 * Markdown to HTML. marked recurses once per level of nesting, so a text of tens of thousands of
 * nested quotes (`> > > …`) exhausts the stack: such a text is shown as it was written, as plain
 * text, rather than failing the build with a stack trace.
 */
function parse(markdown: string): string {
  try {
    return marked.parse(markdown) as string;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const escaped = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<p>${escaped}</p>`;
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
