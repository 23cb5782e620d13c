/**
 * Multichannel text: the same facts in every variant, each within its channel's limit, shortened
 * at word boundaries and never inside a link or a grapheme — checked on examples and on thousands
 * of random titles and texts (accents, emoji, other scripts, long links, very long words).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  blueskyLength,
  graphemeCount,
  isGsm7,
  mastodonLength,
  smsLength,
  splitGraphemes,
  toGsmFriendly,
  URL_PATTERN,
  xLength,
} from '../../src/lib/share/measure.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { LIMITS, shareTexts, type ShareFacts } from '../../src/lib/share/texts.ts';

/** Punctuation that may follow a link in running text. */
const TRAILING = /^[.,:;)\]]*$/;
const URL = 'https://status.fornoaurora.example/incidents/instagram-messages-delayed/';
const FACTS: ShareFacts = {
  siteName: 'Forno Aurora status',
  status: 'Identified',
  title: 'Instagram messages delayed',
  components: ['Instagram'],
  time: 'Nov 21, 2026, 9:40 AM GMT+1',
  timeShort: '9:40 AM',
  text: 'Instagram confirms a problem with message delivery in Europe. Until it is fixed, please use WhatsApp, Telegram or e-mail.',
  alternatives: [
    { name: 'Telegram', contact: 't.me/fornoaurora' },
    { name: 'E-mail', contact: 'ordini@fornoaurora.example' },
    { name: 'Phone', contact: '+39 011 555 0199' },
  ],
  url: URL,
  labels: { affected: 'Affected', reachUs: 'Reach us' },
};

describe('an ordinary update', () => {
  const t = shareTexts(FACTS);

  test('every variant carries the status, the components, the time, the alternatives and the link', () => {
    for (const text of [t.x, t.bluesky, t.mastodon, t.telegram, t.email.body]) {
      expect(text).toContain('Identified: Instagram messages delayed');
      expect(text).toContain('Instagram');
      expect(text).toContain('Nov 21, 2026, 9:40 AM GMT+1');
      expect(text).toMatch(/Reach us:?\s*(\n- )?Telegram/);
      expect(text).toContain(URL);
    }
    expect(t.sms).toBe(
      `Identified: Instagram messages delayed (9:40 AM). Reach us: Telegram, E-mail, Phone. ${URL}`,
    );
    expect(t.email.subject).toBe('[Forno Aurora status] Identified: Instagram messages delayed');
  });

  test('X shortens the update text at a word boundary; Mastodon has room for all of it', () => {
    expect(t.x).toContain(
      'Instagram confirms a problem with message delivery in Europe. Until it…',
    );
    expect(xLength(t.x)).toBeLessThanOrEqual(280);
    expect(t.mastodon).toContain(FACTS.text);
  });

  test('the e-mail body lists every fact and the contacts', () => {
    expect(t.email.body).toBe(
      `Identified: Instagram messages delayed\n\nAffected: Instagram\nNov 21, 2026, 9:40 AM GMT+1\n\n${FACTS.text}\n\nReach us:\n- Telegram: t.me/fornoaurora\n- E-mail: ordini@fornoaurora.example\n- Phone: +39 011 555 0199\n\n${URL}\n\n— Forno Aurora status\n`,
    );
  });
});

describe('measures', () => {
  test.each([
    ['plain text counts one per character', 'hello', 5],
    ['a link counts 23 whatever its length', `see ${URL}`, 4 + 23],
    ['an emoji counts 2', '👩‍👩‍👧 ok', 2 + 3],
    ['CJK counts 2 each', '東京', 4],
  ])('X: %s', (_, text, length) => expect(xLength(text)).toBe(length));

  test('Bluesky counts graphemes; Mastodon counts links as 23', () => {
    expect(blueskyLength('🇮🇹 è')).toBe(3);
    expect(mastodonLength(`a ${URL}`)).toBe(2 + 23);
  });

  test('SMS: GSM-7 up to 160 (the extension table counts 2), UCS-2 up to 70', () => {
    expect(smsLength('Prix 10€')).toEqual({ length: 9, limit: 160 });
    expect(smsLength('東京')).toEqual({ length: 2, limit: 70 });
    expect(toGsmFriendly('Façade fermée — réouverture à 9 h 💳')).toBe(
      'Facade fermée - réouverture à 9 h ',
    );
    expect(isGsm7(toGsmFriendly('Façade fermée — réouverture à 9 h 💳'))).toBe(true);
  });
});

describe('graphemes without a segmenter', () => {
  // The reference: every text through Intl.Segmenter, as measure.ts did before its fast path.
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const reference = (text: string): string[] =>
    Array.from(segmenter.segment(text), (s) => s.segment);
  const referenceX = (text: string): number => {
    const links = text.match(URL_PATTERN) ?? [];
    let length = links.length * 23;
    for (const g of reference(text.replace(URL_PATTERN, ''))) {
      if (/\p{Extended_Pictographic}/u.test(g)) length += 2;
      else for (const ch of g) length += xWeightOf(ch.codePointAt(0)!);
    }
    return length;
  };
  const xWeightOf = (cp: number): number =>
    cp <= 4351 ||
    (cp >= 8192 && cp <= 8205) ||
    (cp >= 8208 && cp <= 8223) ||
    (cp >= 8242 && cp <= 8247)
      ? 1
      : 2;

  test('agree with Intl.Segmenter unit by unit, beside a letter, itself and CR LF', () => {
    // Every unit around the ranges the fast path takes (U+0000–U+0FFF, U+2000–U+2FFF), and every
    // 16th elsewhere in the BMP: a range drawn too wide is caught at its edge.
    const near = (cp: number): boolean => cp < 0x1000 || (cp >= 0x2000 && cp < 0x3000);
    const disagree: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (!near(cp) && cp % 16 !== 0) continue;
      const u = String.fromCharCode(cp);
      const text = `a${u}${u}\r\n`;
      const expected = reference(text);
      const same =
        splitGraphemes(text).join('\u0000') === expected.join('\u0000') &&
        graphemeCount(text) === expected.length &&
        xLength(text) === referenceX(text);
      if (!same) disagree.push(`U+${cp.toString(16).padStart(4, '0')}`);
    }
    expect(disagree).toEqual([]);
  });

  test('agree with Intl.Segmenter on random text, simple or not', () => {
    const simple = fc
      .array(
        fc.oneof(
          fc.integer({ min: 0, max: 0x2ff }),
          fc.integer({ min: 0x2010, max: 0x2027 }),
          fc.integer({ min: 0x2030, max: 0x205e }),
        ),
        { maxLength: 60 },
      )
      .map((cps) => String.fromCharCode(...cps));
    const any = fc.oneof(
      simple,
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(any, { maxLength: 4 }), (parts) => {
        const text = parts.join(parts.length % 2 ? '\r\n' : ' https://x.example/a ');
        expect(splitGraphemes(text)).toEqual(reference(text));
        expect(blueskyLength(text)).toBe(reference(text).length);
        expect(xLength(text)).toBe(referenceX(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('in Italian and French, with long titles', () => {
  test('French accents outside GSM are transliterated in the SMS so that it keeps 160 characters', () => {
    const t = shareTexts({
      ...FACTS,
      status: 'Résolu',
      title: 'Façade du magasin fermée, paiements par carte indisponibles',
      labels: { affected: 'Touchés', reachUs: 'Joignez-nous' },
    });
    expect(
      t.sms.startsWith('Résolu: Facade du magasin fermée, paiements par carte indisponibles'),
    ).toBe(true);
    expect(smsLength(t.sms).limit).toBe(160);
    expect(t.x.startsWith('Résolu: Façade du magasin fermée')).toBe(true);
  });

  test('a subject too long is cut at a word with an ellipsis, within 78 characters', () => {
    const t = shareTexts({
      ...FACTS,
      status: 'Risolto',
      title: 'Pagamenti con carta non disponibili per tutti i clienti del negozio online e in sede',
    });
    expect(t.email.subject).toBe(
      '[Forno Aurora status] Risolto: Pagamenti con carta non disponibili per tutti…',
    );
    expect([...t.email.subject].length).toBeLessThanOrEqual(78);
  });
});

describe('e-mail subjects are shortened at words that end a thought', () => {
  const it = messages('it');
  const meta = {
    ...FACTS,
    siteName: 'Panetteria Forno Aurora, stato dei servizi web',
    status: it.incidentStatus.investigating,
    title: 'WhatsApp e Instagram: servizi non disponibili',
    danglingWords: it.share.danglingWords.split(' '),
  };

  test('never on a joining word ("WhatsApp e…"); the site and the status stay whole', () => {
    const subject = shareTexts(meta).email.subject;
    expect(subject).toBe(
      '[Panetteria Forno Aurora, stato dei servizi web] Analisi in corso: WhatsApp…',
    );
    expect([...subject].length).toBeLessThanOrEqual(LIMITS.emailSubject);
  });

  test('never inside the status: without room for a word of the title, the site name goes first', () => {
    const subject = shareTexts({
      ...meta,
      siteName: 'Forno Aurora stato dei servizi online e dei canali di contatto',
    }).email.subject;
    expect(subject).toBe('Analisi in corso: WhatsApp e Instagram: servizi non disponibili');
  });

  test('in French, "de" and an elided article are no place to stop either', () => {
    const fr = messages('fr');
    const subject = shareTexts({
      ...FACTS,
      siteName: 'Forno Aurora, état des services en ligne',
      status: fr.incidentStatus.investigating,
      title: 'Commandes de l’application indisponibles et paiements lents',
      danglingWords: fr.share.danglingWords.split(' '),
    }).email.subject;
    expect(subject).toBe('[Forno Aurora, état des services en ligne] Analyse en cours: Commandes…');
  });
});

describe('links at a cut', () => {
  test('punctuation that ends a link stays with it, and the ellipsis keeps its distance', () => {
    // Found by the property test below: stripping ", " after a cut also took the link's last "-".
    const t = shareTexts({
      ...FACTS,
      status: 'Investigating',
      alternatives: [
        { name: 'https://example.com//.0a..0- 👍🏽', contact: '' },
        { name: 'checkout', contact: '' },
        { name: 'Phone', contact: '' },
      ],
      title: 'https://example.com/ aaaaaaaaaaaaaaaaaaaaaaaaaa',
      url: 'https://status.example.com/incidents/00/',
      labels: { affected: 'Touchés', reachUs: 'Joignez-nous' },
      components: [],
      text: '',
    });
    expect(t.sms).toContain('https://example.com//.0a..0- ');
    expect(t.sms).not.toMatch(/0-?\.\.\./);
  });
});

describe('properties over random input', () => {
  const word = fc.oneof(
    fc.constantFrom(
      'checkout',
      'paiements',
      'indisponibles',
      'façade',
      'città',
      'perché',
      'Straße',
      'œuvre',
      'naïve',
      '€5',
      '[x]',
    ),
    fc.constantFrom('👍🏽', '👩‍👩‍👧', '🇮🇹', '💳', '🔥🔥', '東京', 'サービス', 'خدمة', 'Ωμέγα', 'ё'),
    fc.stringMatching(/^[a-z]{26,90}$/), // very long words
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z0-9/._-]{0,120}$/).map((path) => `https://example.com/${path}`), // long links
  );
  const sentence = (max: number) =>
    fc.array(word, { minLength: 0, maxLength: max }).map((w) => w.join(' '));
  const facts = fc.record({
    siteName: sentence(4).map((s) => s || 'Status'),
    status: fc.constantFrom('Investigating', 'Identified', 'Résolu', 'Risolto', 'Monitoring'),
    title: sentence(30).map((s) => s || 'Outage'),
    components: fc.array(
      sentence(3).map((s) => s || 'API'),
      { maxLength: 8 },
    ),
    time: fc.constantFrom(
      'Nov 21, 2026, 9:40 AM GMT+1',
      '21 nov. 2026, 09:40 UTC+1',
      '21 nov 2026, 09:40 CET',
    ),
    timeShort: fc.constantFrom('9:40 AM', '09:40'),
    text: sentence(120),
    alternatives: fc.array(
      fc.record({
        name: sentence(2).map((s) => s || 'Phone'),
        contact: fc.constantFrom('', 't.me/shop', '+39 011 555 0199', 'ordini@shop.example'),
      }),
      { maxLength: 5 },
    ),
    url: fc
      .stringMatching(/^[a-z0-9-]{1,30}$/)
      .map((slug) => `https://status.example.com/incidents/${slug}/`),
    labels: fc.constantFrom(
      { affected: 'Affected', reachUs: 'Reach us' },
      { affected: 'Touchés', reachUs: 'Joignez-nous' },
    ),
  });

  test('no variant exceeds its limit, every variant has the link, no link or grapheme is cut', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const t = shareTexts(f);
        expect(xLength(t.x)).toBeLessThanOrEqual(LIMITS.x);
        expect(blueskyLength(t.bluesky)).toBeLessThanOrEqual(LIMITS.bluesky);
        expect(mastodonLength(t.mastodon)).toBeLessThanOrEqual(LIMITS.mastodon);
        expect([...t.telegram].length).toBeLessThanOrEqual(LIMITS.telegram);
        const sms = smsLength(t.sms);
        expect(sms.length).toBeLessThanOrEqual(sms.limit);
        expect([...t.email.subject].length).toBeLessThanOrEqual(LIMITS.emailSubject);
        for (const text of [t.x, t.bluesky, t.mastodon, t.telegram, t.sms, t.email.body])
          expect(text).toContain(f.url);

        const inputs = [
          f.siteName,
          f.status,
          f.title,
          ...f.components,
          f.time,
          f.timeShort,
          f.text,
          ...f.alternatives.flatMap((a) => [a.name, a.contact]),
          f.url,
          f.labels.affected,
          f.labels.reachUs,
        ];
        const links = new Set(inputs.flatMap((s) => s.match(URL_PATTERN) ?? []));
        const known = new Set([...inputs, ...inputs.map(toGsmFriendly)].flatMap(splitGraphemes));
        for (const extra of ['…', '.', ',', ':', '·', '(', ')', '[', ']', '-', '—', ' ', '\n'])
          known.add(extra);
        for (const text of [
          t.x,
          t.bluesky,
          t.mastodon,
          t.telegram,
          t.sms,
          t.email.subject,
          t.email.body,
        ]) {
          // A link is kept whole: it may only gain or lose punctuation that follows it in the text.
          for (const link of text.match(URL_PATTERN) ?? []) {
            const whole = [...links].some(
              (l) =>
                (link.startsWith(l) && TRAILING.test(link.slice(l.length))) ||
                (l.startsWith(link) && TRAILING.test(l.slice(link.length))),
            );
            expect(whole, link).toBe(true);
          }
          const unknown = splitGraphemes(text).filter((g) => !known.has(g));
          expect(unknown, `graphemes of no input in ${JSON.stringify(text)}`).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
