/** The editor's small rules: times, slugs, suggestions, and the check before every write. */
import { describe, expect, test } from 'vitest';
import { ContentError } from '../../src/lib/validation/friendly-errors.ts';
import { checkIncident, renderIncident } from '../../src/lib/content/incident-document.ts';
import { checkMaintenance, renderMaintenance } from '../../src/lib/content/maintenance-document.ts';
import { slugify } from '../../src/lib/editor/slug.ts';
import { closest } from '../../src/lib/text/closest.ts';
import { formatZoned, parseTime } from '../../src/lib/editor/times.ts';
import { NOW } from './support.ts';

describe('times', () => {
  const parse = (raw: string, tz = 'Europe/Rome') => parseTime(raw, 'at', NOW, tz);

  test('now and offsets from now, written in the site zone', () => {
    expect(parse('now')).toEqual({ iso: '2026-11-21T10:00:00+01:00', epoch: NOW });
    expect(parse('-30m').iso).toBe('2026-11-21T09:30:00+01:00');
    expect(parse('+2h').iso).toBe('2026-11-21T12:00:00+01:00');
    expect(parse('-1d').iso).toBe('2026-11-20T10:00:00+01:00');
    expect(parse('now', 'UTC').iso).toBe('2026-11-21T09:00:00Z');
    expect(parse('now', 'America/St_Johns').iso).toBe('2026-11-21T05:30:00-03:30');
  });

  test('ISO input is kept as typed', () => {
    expect(parse('2026-11-21T08:15:00.5Z')).toEqual({
      iso: '2026-11-21T08:15:00.5Z',
      epoch: Date.parse('2026-11-21T08:15:00.5Z'),
    });
  });

  test('summer time gives +02:00 in Rome', () => {
    expect(formatZoned(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Rome')).toBe(
      '2026-07-01T14:00:00+02:00',
    );
  });

  test('times without a zone, impossible dates and words are refused', () => {
    for (const raw of ['2026-11-21T10:00:00', '2026-02-30T10:00:00Z', 'tomorrow', '30m', '-2w']) {
      expect(() => parse(raw)).toThrow(`--at "${raw}" is not a time`);
    }
  });
});

describe('slugs and suggestions', () => {
  test('slugify', () => {
    expect(slugify('Checkout errors')).toBe('checkout-errors');
    expect(slugify('  Çà et là: 50% ÉCHEC!! ')).toBe('ca-et-la-50-echec');
    expect(slugify('WhatsApp 💬 down')).toBe('whatsapp-down');
    expect(slugify('日本語')).toBe('');
    const long = slugify('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(48);
    expect(long.endsWith('word')).toBe(true);
  });

  test('closest ids: containment first, then edit distance', () => {
    const ids = ['2026-11-21-checkout-errors', 'checkout-slow', 'api-down', 'web-down'];
    expect(closest('checkout', ids)).toEqual(['2026-11-21-checkout-errors', 'checkout-slow']);
    expect(closest('api-dwn', ids)).toEqual(['api-down']);
    expect(closest('zzz', ids)).toEqual([]);
  });
});

describe('the check before writing', () => {
  const components = new Set(['api']);

  test('an invalid incident text is refused with all its problems at once', () => {
    const text = renderIncident({
      title: 'x',
      impact: 'minor',
      components: { mail: 'major_outage' },
      updates: [{ at: '2026-11-21T10:00:00', status: 'investigating', text: '' }],
    });
    expect(() => checkIncident(text, 'x.md', components)).toThrow(ContentError);
    try {
      checkIncident(text, 'x.md', components);
    } catch (error) {
      // The unknown component is named although the time is wrong too: one pass finds both.
      expect((error as ContentError).problems.map((p) => p.field)).toEqual([
        'components.mail',
        'updates[0].at',
      ]);
    }
  });

  test('an invalid maintenance text is refused', () => {
    const text = renderMaintenance({
      title: 'x',
      start: '2026-11-21T10:00:00Z',
      end: '2026-11-21T09:00:00Z',
      components: ['api'],
      body: '',
    });
    expect(() => checkMaintenance(text, 'm.md', components)).toThrow(
      'the end must be after the start',
    );
  });
});
