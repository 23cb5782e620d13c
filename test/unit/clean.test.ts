/**
 * The one cleaner of outside text (src/lib/text/clean.ts): what it removes, what it keeps, and,
 * over random strings, that what comes out is always XML 1.0 text and cleaning twice changes
 * nothing more.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cleanStrings, cleanText } from '../../src/lib/text/clean.ts';

/** A character XML 1.0 forbids, or a control the cleaner drops (DEL, C1). */
const UNWANTED =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters for the property test: any UTF-16 code unit (lone surrogates included), with the
 * pieces of escape sequences, line breaks and surrogate halves often enough to meet each other.
 */
const UNIT = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u001b', '\u009b', '[', ']', 'm', '0', ';', '\u0007', '\\', '\r', '\n'),
  fc.constantFrom('\ud83d', '\ude00', '\ufffe', '\u0085', 'a'),
);

describe('cleanText', () => {
  test.each([
    ['ANSI colours, whole', 'Checkout \u001b[31;1mdown\u001b[0m', 'Checkout down'],
    ['the one-byte CSI', 'a\u009b2Jb', 'ab'],
    ['a terminal title (OSC), ended by BEL', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['an OSC link, ended by ESC \\', '\u001b]8;;https://e.example\u001b\\link', 'link'],
    ['an OSC never ended loses only its ESC', 'a\u001b]b', 'a]b'],
    ['NUL, BEL, vertical tab, form feed', 'a\u0000b\u0007c\u000bd\u000ce', 'abcde'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009fd', 'abcd'],
    ['U+FFFE and U+FFFF', 'a\ufffeb\uffffc', 'abc'],
    ['a lone high surrogate', 'a\ud800b', 'ab'],
    ['a lone low surrogate', 'a\udc00b', 'ab'],
    ['a lone CR is a line break', 'one\rtwo', 'one\ntwo'],
  ])('removes %s', (_name, input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  test.each([
    ['tabs and line feeds', 'a\tb\nc'],
    ['CR LF, as a Windows file has it', '---\r\ntitle: x\r\n---\r\n'],
    ['a surrogate pair (an emoji)', 'ok \ud83d\ude00'],
    ['accents, CJK, right-to-left text', 'é 日本 שלום'],
    ['U+FFFD and the byte-order mark', '\ufeff\ufffd'],
    ['brackets that only look like an escape', '[31m [0m'],
  ])('keeps %s', (_name, text) => {
    expect(cleanText(text)).toBe(text);
  });

  test('returns the very string when there is nothing to clean', () => {
    const text = 'Nothing to clean here.\n';
    expect(cleanText(text)).toBe(text);
  });

  test('whatever comes in, what comes out is XML 1.0 text, and stays as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: UNIT, maxLength: 200 }), (text) => {
        const once = cleanText(text);
        expect(once).not.toMatch(UNWANTED);
        expect(cleanText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cleanStrings', () => {
  test('cleans every string of parsed YAML or JSON, keys included, and nothing else', () => {
    expect(
      cleanStrings({
        'ti\u0000tle': 'a\u001b[1mb',
        list: ['\u0085x', 3, true, null],
        nested: { deep: ['\ud800y'] },
      }),
    ).toEqual({ title: 'ab', list: ['x', 3, true, null], nested: { deep: ['y'] } });
  });
});
