/**
 * A small HTML checker for the XSS tests: it tokenizes HTML the way a browser finds tags (comments
 * and raw-text elements skipped, quoted and unquoted attribute values, `/` between attributes),
 * decodes entities in attribute values, and lists everything that could run script or take over
 * the page. It is deliberately stricter than it needs to be: a false alarm costs a look, a miss
 * costs an XSS.
 */

/** One start tag as a browser would see it. */
export interface Tag {
  /** Lower-case tag name. */
  name: string;
  /** Attributes in source order; names lower-case, values with entities decoded. */
  attributes: { name: string; value: string }[];
  /** The tag's source text, for messages. */
  source: string;
}

/** Elements that may never appear, anywhere on a page. */
export const PAGE_FORBIDDEN = [
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'isindex',
] as const;

/** Elements that may never appear in editor content (Markdown output, or a page's `<main>`). */
export const CONTENT_FORBIDDEN = [
  ...PAGE_FORBIDDEN,
  'meta',
  'link',
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'math',
  'template',
  'noscript',
  'xss',
] as const;

/** Elements that may never appear in rendered Markdown (pages may draw their own SVG charts). */
export const MARKDOWN_FORBIDDEN = [
  ...CONTENT_FORBIDDEN,
  'svg',
  'img',
  'video',
  'audio',
  'source',
] as const;

/** Attributes whose value is a URL that a browser may load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'background',
  'data',
  'codebase',
  'cite',
  'lowsrc',
  'dynsrc',
  'ping',
]);

/** Schemes that run script or render attacker-chosen documents. */
const DANGEROUS_SCHEME = /^(?:javascript|vbscript|livescript|mocha|data):/;

/** What the checker flags; each finding names the tag it came from. */
export function unsafeParts(html: string, forbidden: readonly string[]): string[] {
  const findings: string[] = [];
  for (const tag of tagsOf(html)) {
    if (forbidden.includes(tag.name))
      findings.push(`forbidden element <${tag.name}>: ${tag.source}`);
    if (tag.name === 'meta' && tag.attributes.some((a) => a.name === 'http-equiv')) {
      findings.push(`meta http-equiv: ${tag.source}`);
    }
    for (const { name, value } of tag.attributes) {
      if (name.startsWith('on')) findings.push(`event handler ${name}: ${tag.source}`);
      if (name === 'srcdoc') findings.push(`srcdoc: ${tag.source}`);
      if (URL_ATTRIBUTES.has(name) && DANGEROUS_SCHEME.test(normaliseUrl(value))) {
        findings.push(`dangerous URL in ${name}: ${tag.source}`);
      }
      if (
        name === 'style' &&
        /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|url\s*\(/i.test(
          compact(value),
        )
      ) {
        findings.push(`dangerous style: ${tag.source}`);
      }
    }
  }
  return findings;
}

/** Every start tag of an HTML text, skipping comments and the content of raw-text elements. */
export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      // A comment ends at the first "-->" (or "--!>"); "<!-->" and "<!--->" end at once.
      const rest = html.slice(lt + 4);
      const abrupt = /^-?>/.exec(rest);
      const close = abrupt ? { index: 0, length: abrupt[0].length } : /--!?>/.exec(rest);
      i = close ? lt + 4 + close.index + close.length : html.length;
      continue;
    }
    if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
      // Doctype, CDATA outside foreign content, processing instruction: a bogus comment up to ">".
      const gt = html.indexOf('>', lt);
      i = gt < 0 ? html.length : gt + 1;
      continue;
    }
    const name = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(lt));
    if (!name?.[1]) {
      i = lt + 1;
      continue;
    }
    const parsed = readAttributes(html, lt + name[0].length);
    const tag: Tag = {
      name: name[1].toLowerCase(),
      attributes: parsed.attributes,
      source: html.slice(lt, parsed.end),
    };
    tags.push(tag);
    i = parsed.end;
    if (RAW_TEXT.has(tag.name)) {
      const close = new RegExp(`</${tag.name}[\\s/>]`, 'i').exec(html.slice(i));
      i = close ? i + close.index : html.length;
    }
  }
  return tags;
}

/** Decodes character references the way an attribute value is decoded. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code =
          ref[1] === 'x' || ref[1] === 'X'
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
      }
      return NAMED[ref] ?? whole;
    },
  );
}

/** A decoded URL as a browser reads its scheme: tabs and newlines removed, leading controls trimmed. */
export function normaliseUrl(value: string): string {
  return value
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+/, '')
    .toLowerCase();
}

/** Elements whose content is text, not markup, so tags inside them are not tags. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

/** Named references that can spell a scheme or break out of a value (the rest stay as written). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  Tab: '\t',
  NewLine: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  semi: ';',
  period: '.',
  comma: ',',
};

function readAttributes(
  html: string,
  start: number,
): { attributes: Tag['attributes']; end: number } {
  const attributes: Tag['attributes'] = [];
  let i = start;
  for (;;) {
    while (i < html.length && /[\s/]/.test(html[i]!)) i++;
    if (i >= html.length) return { attributes, end: i };
    if (html[i] === '>') return { attributes, end: i + 1 };
    // An attribute name runs to whitespace, "/", ">" or "=" (a leading "=" belongs to the name).
    const name = /^[^\s/>][^\s/>=]*/.exec(html.slice(i))![0];
    i += name.length;
    while (i < html.length && /\s/.test(html[i]!)) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && /\s/.test(html[i]!)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const end = close < 0 ? html.length : close;
        value = html.slice(i + 1, end);
        i = end + 1;
      } else {
        const raw = /^[^\s>]*/.exec(html.slice(i))![0];
        value = raw;
        i += raw.length;
      }
    }
    attributes.push({ name: name.toLowerCase(), value: decodeEntities(value) });
  }
}

function compact(value: string): string {
  return value.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\\/g, '');
}
