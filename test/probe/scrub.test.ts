/**
 * The scrubber: every disguise of a secret a server or a format may give it is masked — raw,
 * JSON- and HTML-escaped, percent-encoded in each of a URL's ways and as a form, base64 and
 * base64url on its own or inside a longer encoded text (a Basic-auth pair) — and so is a prefix a
 * cut left behind. What `fillSecrets` derives from a secret in a URL is scrubbed too.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createScrubber, scrub } from '../../src/lib/secrets/scrub.ts';
import { fillSecrets } from '../../src/lib/secrets/secrets.ts';

/** 64 characters, as an API token often is. */
const TOKEN = 'tok_9f3a7c2e41d8b6a0e5f7c9d1b3a5e7f9c2d4b6a8e0f2c4d6b8a0e2f4c6d8';
/** A password with the characters that escape differently in each format. */
const PASSWORD = 'p"a\\ss W0rd!(x)*~\'/é&<q>';

const forms: Record<string, (s: string) => string> = {
  raw: (s) => s,
  json: (s) => JSON.stringify(s).slice(1, -1),
  'json, slashes escaped': (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  'json, ASCII only': (s) =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  html: (s) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  encodeURIComponent,
  'encodeURIComponent, lower-case hex': (s) =>
    encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  'form encoding': (s) => new URLSearchParams({ k: s }).toString().slice(2),
  'URL query': (s) => new URL(`http://h/?${s}`).search.slice(1),
  'URL path': (s) => {
    const url = new URL('http://h/');
    url.pathname = `/${s}`;
    return url.pathname.slice(1);
  },
  'URL password': (s) => {
    const url = new URL('http://h/');
    url.password = s;
    return url.password;
  },
  'json of the form encoding': (s) =>
    JSON.stringify(new URLSearchParams({ k: s }).toString().slice(2)).slice(1, -1),
  base64: (s) => Buffer.from(s).toString('base64'),
  'base64 unpadded': (s) => Buffer.from(s).toString('base64').replace(/=+$/, ''),
  base64url: (s) => Buffer.from(s).toString('base64url'),
};

describe('every form of a secret is masked', () => {
  for (const secret of [TOKEN, PASSWORD]) {
    for (const [name, form] of Object.entries(forms)) {
      test(`${name} of ${secret === TOKEN ? 'a token' : 'a password with escapes'}`, () => {
        const text = `before ${form(secret)} after`;
        expect(scrub(text, [secret])).toBe('before *** after');
      });
    }
  }
});

test('base64 of a longer text that holds the secret, at each of the three alignments', () => {
  const clean = createScrubber([TOKEN, PASSWORD]);
  for (const secret of [TOKEN, PASSWORD]) {
    for (const user of ['u', 'us', 'use', 'monitor']) {
      for (const encoding of ['base64', 'base64url'] as const) {
        const header = `Basic ${Buffer.from(`${user}:${secret}:tail`).toString(encoding)}`;
        const out = clean(`Authorization: ${header}`);
        expect(out).toContain('***');
        // What is left around the mask decodes to at most two bytes of the secret on each side.
        for (const run of out.split(/\*\*\*|\s+/).filter((r) => /^[A-Za-z0-9+/_=-]{4,}$/.test(r))) {
          const decoded = Buffer.from(run, encoding).toString('latin1');
          for (let i = 0; i + 3 <= secret.length; i++) {
            expect(decoded, `${user} ${encoding}`).not.toContain(secret.slice(i, i + 3));
          }
        }
      }
    }
  }
});

describe('a prefix a cut left behind', () => {
  test('before an ellipsis, three dots, a line end or the end of the text', () => {
    const cut = TOKEN.slice(0, 56);
    expect(scrub(`JSON value at status is "${cut}…", expected "ok"`, [TOKEN])).toBe(
      'JSON value at status is "***…", expected "ok"',
    );
    expect(scrub(`value ${cut}... and more`, [TOKEN])).toBe('value ***... and more');
    expect(scrub(`value ${cut}\nnext line`, [TOKEN])).toBe('value ***\nnext line');
    expect(scrub(`value ${cut}`, [TOKEN])).toBe('value ***');
    // The escaped forms are cut as well.
    const json = JSON.stringify(PASSWORD).slice(1, 12);
    expect(scrub(`is "${json}…"`, [PASSWORD])).toBe('is "***…"');
  });

  test('down to four characters; shorter tails and the middle of a text stay', () => {
    expect(scrub('ends in tok_…', [TOKEN])).toBe('ends in ***…');
    expect(scrub('ends in tok…', [TOKEN])).toBe('ends in tok…');
    expect(scrub('tok_9f3a in the middle of a line', [TOKEN])).toBe(
      'tok_9f3a in the middle of a line',
    );
  });

  test('any cut of any form leaves no eight characters of it (property)', () => {
    const secretChars = fc.constantFrom(...'abcdefXYZ0123456789"\\/ +%&<>é=_-.'.split(''));
    fc.assert(
      fc.property(
        fc.string({ unit: secretChars, minLength: 10, maxLength: 40 }),
        fc.constantFrom(...Object.keys(forms)),
        fc.nat(),
        (secret, name, at) => {
          const form = forms[name]!(secret);
          const text = `reason: ${form} (rest)`;
          const cut = `${text.slice(0, 8 + (at % (form.length + 1)))}…`;
          const out = scrub(cut, [secret]);
          for (let i = 0; i + 8 <= form.length; i++) {
            expect(out).not.toContain(form.slice(i, i + 8));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('ordinary text is left alone, and secrets shorter than three characters are ignored', () => {
  const text = 'expected 2xx, got 503; timeout after 5 s waiting for headers';
  expect(scrub(text, [TOKEN, PASSWORD])).toBe(text);
  expect(scrub('a b c', ['a', 'b'])).toBe('a b c');
  expect(scrub('nothing to hide', [])).toBe('nothing to hide');
});

describe('what a secret reveals in a URL', () => {
  test('a webhook URL that is a secret as a whole: its path, raw or escaped, is a secret too', () => {
    const url = 'https://hooks.slack.example/services/T0HELIO/B0NOTIFY/xoxSlackSecret9f31';
    const { secrets } = fillSecrets({ webhook: '${SLACK}' }, { SLACK: url }, 'test');
    const clean = createScrubber(secrets);
    expect(clean('Cannot POST /services/T0HELIO/B0NOTIFY/xoxSlackSecret9f31')).toBe(
      'Cannot POST ***',
    );
    expect(clean('{"path":"\\/services\\/T0HELIO\\/B0NOTIFY\\/xoxSlackSecret9f31"}')).toBe(
      '{"path":"***"}',
    );
  });

  test('a password in user-info: the Basic-auth pair, even for a short password', () => {
    const { value, secrets } = fillSecrets(
      { url: 'http://monitor:${PASS}@127.0.0.1:8080/health' },
      { PASS: 'pw12345' },
      'test',
    );
    expect(value.url).toBe('http://monitor:pw12345@127.0.0.1:8080/health');
    const basic = Buffer.from('monitor:pw12345').toString('base64');
    expect(createScrubber(secrets)(`seen: Basic ${basic}`)).toBe('seen: Basic ***');
  });

  test('a secret in a URL that is not a secret as a whole leaves the rest of the path alone', () => {
    const { secrets } = fillSecrets(
      { url: 'https://api.example.com/v1/health?key=${KEY}' },
      { KEY: 'k3y-value-123' },
      'test',
    );
    expect(secrets).toEqual(['k3y-value-123']);
  });
});
