/**
 * URLs that become links: a contact channel's `url` in heliograph.yaml, and links in incident
 * Markdown. Only https:, http:, mailto:, tel:, sms: and paths on the site pass; `javascript:`,
 * `data:`, `vbscript:` and look-alikes of a relative URL that lead to another host are refused with
 * `file:line:column field: message`, or dropped from the Markdown.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { absoluteHtml } from '../../src/lib/feeds/absolute-html.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { SAFE_LINK_RULE } from '../../src/lib/text/link-url.ts';
import { ContentError } from '../../src/lib/validation/friendly-errors.ts';

const FILE = 'content/heliograph.yaml';

/** A configuration with one channel whose `url` is written as given (a YAML scalar). */
function config(url: string): string {
  return [
    'site:',
    '  title: Acme status',
    '  url: https://status.example.com',
    '  time_zone: Europe/Rome',
    'components:',
    '  - id: api',
    '    name: API',
    'channels:',
    '  - id: contact',
    '    name: Contact',
    '    kind: web',
    `    url: ${url}`,
    '',
  ].join('\n');
}

function problem(url: string): string | undefined {
  try {
    parseConfig(config(url), FILE);
    return undefined;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.message;
  }
}

describe("a channel's url", () => {
  test.each([
    ['javascript:', '"javascript:alert(document.domain)"'],
    ['JavaScript: in capitals', '"JaVaScRiPt:alert(1)"'],
    ['javascript: with a tab inside, which browsers drop', '"java\\tscript:alert(1)"'],
    ['javascript: after a space', '" javascript:alert(1)"'],
    ['data:', '"data:text/html,<script>alert(1)</script>"'],
    ['vbscript:', '"vbscript:msgbox(1)"'],
    ['file:', 'file:///etc/passwd'],
    ['another host without a scheme', '//evil.example/login'],
    ['another host behind a backslash', '"/\\\\evil.example/login"'],
    ['a relative path that is not on the site', 'contact.html'],
  ])('refuses %s, naming file, line, column and field', (_name, url) => {
    expect(problem(url)).toBe(
      `1 problem in content:\n  ${FILE}:12:10 channels[0].url: ${SAFE_LINK_RULE}`,
    );
  });

  test.each([
    'https://wa.me/390000000',
    'http://shop.example.com/contact',
    'mailto:orders@example.com',
    'tel:+390000000',
    'sms:+390000000',
    '/contact/',
  ])('accepts %s', (url) => {
    expect(problem(url)).toBeUndefined();
  });
});

describe('links in incident Markdown', () => {
  test.each([
    '[card details](javascript:alert(document.domain))',
    '[card details](JAVASCRIPT:alert(1))',
    '[card details](data:text/html,<script>alert(1)</script>)',
    '[card details](vbscript:msgbox(1))',
    '<a href="javascript:alert(1)">card details</a>',
    '[card details](//evil.example/)',
  ])('drops the href of %s, keeping its words', (markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).toContain('card details');
    expect(html).not.toMatch(/href=/);
  });

  test.each([
    ['[write](mailto:orders@example.com)', 'mailto:orders@example.com'],
    ['[text us](sms:+390000000)', 'sms:+390000000'],
    ['[call](tel:+390000000)', 'tel:+390000000'],
    ['[page](https://example.com/x)', 'https://example.com/x'],
    ['[contact](/contact/)', '/contact/'],
  ])('keeps %s', (markdown, href) => {
    expect(renderMarkdown(markdown)).toContain(`href="${href}"`);
  });

  test('feeds keep the same schemes when they make links absolute', () => {
    const page = 'https://status.example.com/incidents/x/';
    expect(absoluteHtml('<a href="sms:+390000000">text</a>', page)).toContain(
      'href="sms:+390000000"',
    );
    expect(absoluteHtml('<a href="/contact/">c</a>', page)).toContain(
      'href="https://status.example.com/contact/"',
    );
    expect(absoluteHtml('<a href="javascript:alert(1)">x</a>', page)).not.toMatch(/href=/);
  });
});
