/**
 * Feed readers show entries away from the site, where a relative link leads nowhere: every link in
 * an entry's HTML is made absolute against the page the entry belongs to. The HTML is already
 * sanitized by `renderMarkdown`; this pass keeps the same allow-list of link schemes.
 */
import sanitizeHtml from 'sanitize-html';
import { MARKDOWN_ALLOWED } from '../markdown.ts';
import { LINK_SCHEMES } from '../text/link-url.ts';

/** The HTML with every `href` resolved against `pageUrl`. */
export function absoluteHtml(html: string, pageUrl: string): string {
  return sanitizeHtml(html, {
    // Tags and attributes were filtered when the Markdown was rendered; only links change here,
    // under the same allow-list. (Allowing every tag, `allowedTags: false`, would let `script` and
    // `style` through in principle, and sanitize-html warns of that on every call.)
    ...MARKDOWN_ALLOWED,
    allowedSchemes: LINK_SCHEMES.map((scheme) => scheme.slice(0, -1)),
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs['href'];
        if (href === undefined) return { tagName, attribs };
        return {
          tagName,
          attribs: {
            ...attribs,
            href: URL.canParse(href, pageUrl) ? new URL(href, pageUrl).href : href,
          },
        };
      },
    },
  });
}

/** Text made safe inside HTML (for titles and the few lines feeds add around the editor's text). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
