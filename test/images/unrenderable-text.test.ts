/**
 * Text the bundled fonts cannot draw — emoji, Chinese, Arabic — never breaks an image: it is
 * dropped or replaced before satori sees it, and anything left over gets no font instead of a
 * network request. The font coverage is read from the fonts themselves.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import { describe, expect, test } from 'vitest';
import { fontCoverage } from '../../src/lib/images/font-coverage.ts';
import { loadFonts } from '../../src/lib/images/fonts.ts';
import { renderCard, satoriOptions } from '../../src/lib/images/render.ts';
import { drawableText, renderableText } from '../../src/lib/images/renderable-text.ts';
import { INCIDENT, LOGO } from './cards.ts';
import { decodePng, distinctColours } from './png.ts';

const require = createRequire(import.meta.url);
const { covers } = loadFonts();
const text = (s: string): string => renderableText(s, covers);

describe('font coverage', () => {
  test('Latin and Latin Extended letters of Italian, French and Polish are covered; CJK, Arabic and emoji are not', () => {
    for (const c of 'àèéìòùÀÈÉçœæÿ«»€’–—Łłźżő') expect(covers(c.codePointAt(0)!), c).toBe(true);
    for (const c of ['你', 'م', '😀', '🇮']) expect(covers(c.codePointAt(0)!), c).toBe(false);
  });

  test('read from the cmap: the fonts together cover Basic Latin, Latin-1 and Latin Extended-A', () => {
    const missing: string[] = [];
    for (let c = 0x20; c <= 0x17f; c++) {
      // Controls, the (invisible) soft hyphen, and ŉ, deprecated by Unicode: none is in Inter.
      if ((c >= 0x7f && c < 0xa0) || c === 0xad || c === 0x149) continue;
      if (!covers(c)) missing.push(c.toString(16));
    }
    expect(missing).toEqual([]);
    for (const weight of [400, 700]) {
      const file = require.resolve(`@fontsource/inter/files/inter-latin-ext-${weight}-normal.woff`);
      const coverage = fontCoverage(readFileSync(file));
      expect(coverage.has(0x141) && coverage.has(0x17c), 'Ł and ż in Latin Extended').toBe(true);
      expect(coverage.has(0x4f60), 'no CJK').toBe(false);
    }
  });
});

describe('renderable text', () => {
  test('keeps accents, drops emoji, replaces each run of other missing characters with one ellipsis', () => {
    expect(text('Città: perché déjà Łódź')).toBe('Città: perché déjà Łódź');
    expect(text('🔥 Outage 🚨🚨 now ❤️ 👩‍👩‍👧 🇮🇹')).toBe('Outage now');
    expect(text('Panne 服务中断 à Paris')).toBe('Panne … à Paris');
    expect(text('خدمة 服务 down')).toBe('… down');
    expect(text('Décomposé: e\u0301')).toBe('Décomposé: é');
    expect(text('tab\tand\nnew line\u0007')).toBe('tab and new line');
  });

  test('before drawing, every text keeps its spacing and is unchanged once filtered', () => {
    expect(drawableText(' · 🔥 ok ', covers)).toBe(' ·  ok ');
    expect(drawableText('服务 · ok', covers)).toBe('… · ok');
    for (const s of ['Città …', 'Outage now', '… down']) expect(drawableText(s, covers)).toBe(s);
  });

  test('leaves nothing when nothing readable is left', () => {
    expect(text('🔥🔥')).toBe('');
    expect(text('服务中断')).toBe('');
    expect(text('  ')).toBe('');
  });
});

describe('drawing', () => {
  test('titles with emoji, Chinese and Arabic render, without "no glyph" boxes', async () => {
    const draw = (title: string): Promise<Buffer> => renderCard({ ...INCIDENT, title }, LOGO);
    const mixed = await draw('Outage 🔥 服务中断 انقطاع الخدمة 👩‍👩‍👧');
    const png = decodePng(mixed);
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(distinctColours(png)).toBeGreaterThan(8);
    // What was dropped or replaced leaves exactly what the plain text draws.
    expect(mixed.equals(await draw('Outage …'))).toBe(true);
    expect((await draw('🔥 Outage 🔥')).equals(await draw('Outage'))).toBe(true);
    // Nothing readable: the card's label stands in for the title.
    expect((await draw('服务中断 🔥')).equals(await draw(INCIDENT.label))).toBe(true);
  });

  test('interface words are filtered too, just before drawing', async () => {
    const raw = await renderCard(
      { ...INCIDENT, statusText: '调查中 🔍 ok', span: '🕘 09:10' },
      LOGO,
    );
    const plain = await renderCard({ ...INCIDENT, statusText: '… ok', span: '09:10' }, LOGO);
    expect(raw.equals(plain)).toBe(true);
  });

  test('satori, given characters no font has, asks for none and neither throws nor waits', async () => {
    const started = performance.now();
    const svg = await satori(
      {
        type: 'div',
        props: { style: { display: 'flex', fontSize: 40 }, children: ['服务中断 🔥 انقطاع ok'] },
      },
      satoriOptions(),
    );
    expect(svg).toMatch(/^<svg/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
