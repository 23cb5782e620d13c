import { describe, expect, test } from 'vitest';
import { markdownToText, renderMarkdown } from '../../src/lib/markdown.ts';

const REL = 'rel="nofollow noopener noreferrer"';

describe('renderMarkdown keeps ordinary Markdown', () => {
  test.each<[string, string, string]>([
    [
      'a paragraph with emphasis',
      'Orders are **slow** and _some_ ~~fail~~.',
      '<p>Orders are <strong>slow</strong> and <em>some</em> <del>fail</del>.</p>',
    ],
    [
      'a link with a title',
      'See [the provider](https://status.example.com/a?b=1&c=2 "Provider status").',
      `<p>See <a href="https://status.example.com/a?b=1&amp;c=2" title="Provider status" ${REL}>the provider</a>.</p>`,
    ],
    [
      'an autolink',
      '<https://x.example>',
      `<p><a href="https://x.example" ${REL}>https://x.example</a></p>`,
    ],
    [
      'mailto and tel links',
      '[mail](mailto:help@example.com) [call](tel:+390000)',
      `<p><a href="mailto:help@example.com" ${REL}>mail</a> <a href="tel:+390000" ${REL}>call</a></p>`,
    ],
    ['a bullet list', '- one\n- two', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>'],
    [
      'a numbered list starting at 3',
      '3. three\n4. four',
      '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>',
    ],
    ['inline code', 'Run `npm ci`.', '<p>Run <code>npm ci</code>.</p>'],
    [
      'a code block, escaped',
      '```sh\necho "<b>" && exit\n```',
      '<pre><code>echo "&lt;b&gt;" &amp;&amp; exit\n</code></pre>',
    ],
    ['a quote', '> It is back.', '<blockquote>\n<p>It is back.</p>\n</blockquote>'],
    [
      'headings demoted below the page’s own',
      '# One\n\n## Two\n\n#### Four',
      '<h3>One</h3>\n<h3>Two</h3>\n<h5>Four</h5>',
    ],
    [
      'a table with alignment',
      '| a | b |\n|:-|-:|\n| 1 | 2 |',
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody></table>',
    ],
    ['nothing', '', ''],
    ['only blanks', ' \n\t ', ''],
  ])('%s', (_, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});

describe('renderMarkdown removes what could run', () => {
  test.each<[string, string, string]>([
    ['a script element and its content', 'Hi <script>alert(1)</script> there', '<p>Hi  there</p>'],
    ['a script block', '<script src="https://evil.example/x.js"></script>', ''],
    [
      'an onclick on a link',
      '<a href="https://ok.example" onclick="alert(1)">x</a>',
      `<p><a href="https://ok.example" ${REL}>x</a></p>`,
    ],
    ['an onerror on an image', '<img src=x onerror="alert(1)">', ''],
    ['an onload on svg', '<svg onload="alert(1)"><circle/></svg>', '<p></p>'],
    ['an onmouseover on a div', '<div onmouseover="steal()">text</div>', 'text'],
    ['a javascript: link', '[click](javascript:alert(1))', `<p><a ${REL}>click</a></p>`],
    ['a mixed-case javascript: link', '[click](JaVaScRiPt:alert(1))', `<p><a ${REL}>click</a></p>`],
    [
      'an entity-encoded javascript: link',
      '<a href="&#106;avascript:alert(1)">x</a>',
      `<p><a ${REL}>x</a></p>`,
    ],
    [
      'a data: link in Markdown',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      `<p><a ${REL}>x</a></p>`,
    ],
    ['a data: link in HTML', '<a href="data:text/html,hi">x</a>', `<p><a ${REL}>x</a></p>`],
    ['a protocol-relative link', '[x](//evil.example/x)', `<p><a ${REL}>x</a></p>`],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', ''],
    ['style and class attributes', '<p style="color:red" class="x">styled</p>', '<p>styled</p>'],
  ])('%s', (_, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  test.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<body onload=alert(1)>',
    '<style>body{background:url(javascript:alert(1))}</style>',
  ])('nothing executable survives %j', (markdown) => {
    const html = renderMarkdown(markdown).toLowerCase();
    expect(html).not.toMatch(/<script|<style|<object|<form|<img|\son\w+=|javascript:|data:/);
  });
});

describe('markdownToText', () => {
  test.each<[string, string]>([
    ['**Orders** are [slow](https://x.example).', 'Orders are slow.'],
    ['- one\n- two\n\n# Title', 'one two Title'],
    ['Use `a && b` when 5 < 6', 'Use a && b when 5 < 6'],
    ['"quoted" and \'single\'', '"quoted" and \'single\''],
    ['Hi <script>alert(1)</script> there', 'Hi there'],
    ['<img src=x onerror=alert(1)>gone', 'gone'],
    ['', ''],
  ])('%j → %j', (markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });
});

describe('renderMarkdown resolves relative links against the page the text belongs to', () => {
  // The same update is shown on its incident page, the home page, the history and in feeds: a
  // link written for the incident page must lead to the same place from all of them.
  const page = '/status/incidents/x/';
  const href = (markdown: string): string | undefined =>
    /href="([^"]*)"/.exec(renderMarkdown(markdown, page))?.[1];

  test('a relative path, a fragment and a query become paths on the site', () => {
    expect(href('[web](../../components/web/)')).toBe('/status/components/web/');
    expect(href('[fix](#fix)')).toBe('/status/incidents/x/#fix');
    expect(href('[q](?lang=it)')).toBe('/status/incidents/x/?lang=it');
  });

  test('absolute paths and URLs stay as written', () => {
    expect(href('[h](/status/history/)')).toBe('/status/history/');
    expect(href('[s](https://example.com/a)')).toBe('https://example.com/a');
    expect(href('[m](mailto:help@example.com)')).toBe('mailto:help@example.com');
  });

  test('a relative link that resolves to another host loses its link, keeps its text', () => {
    const html = renderMarkdown('[away](../../../..//evil.example/)', page);
    expect(html).not.toContain('href');
    expect(html).toContain('away');
  });
});
