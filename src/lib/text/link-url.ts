/**
 * Which URLs written by an operator or an editor may become links on the page, in feeds and in the
 * embeddable banner. `javascript:`, `data:` and `vbscript:` run code or show a page of the
 * writer's choosing under our name; a URL that only looks relative (`//evil.example`,
 * `/\evil.example`, which browsers read as another host) leaves the site.
 */

/**
 * Schemes a link may use, each for a way customers reach the business: web pages (`https:`, and
 * `http:` for the rare site without TLS), e-mail, a phone call and a text message.
 */
export const LINK_SCHEMES: readonly string[] = ['https:', 'http:', 'mailto:', 'tel:', 'sms:'];

/** What `isSafeLinkUrl` accepts, in words for error messages. */
export const SAFE_LINK_RULE =
  'use an https:, http:, mailto:, tel: or sms: URL, or a path on this site such as /contact/';

/**
 * Whether a URL may be a link: an absolute URL with one of `LINK_SCHEMES`, or a path on the same
 * host (`/contact/`). White space and control characters are refused outright, since browsers
 * drop them inside a scheme (`java\tscript:`).
 */
export function isSafeLinkUrl(url: string): boolean {
  if (url === '' || /[\s\x00-\x1f\x7f-\x9f]/.test(url)) return false;
  if (url.startsWith('/')) return !/^\/[/\\]/.test(url);
  const parsed = URL.parse(url);
  return parsed !== null && LINK_SCHEMES.includes(parsed.protocol);
}
