import { describe, expect, test } from 'vitest';
import { LOCALES, type Locale } from '../../src/lib/config/schema.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { fill, messages } from '../../src/lib/i18n/messages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OTHER_LOCALES = LOCALES.filter((l) => l !== 'en');

describe('messages', () => {
  test('English is one of the locales and there are others to compare', () => {
    expect(LOCALES).toContain('en');
    expect(OTHER_LOCALES.length).toBeGreaterThan(0);
  });

  test.each(OTHER_LOCALES)('%s has exactly the keys of en, at every depth', (locale) => {
    expect(keyPaths(messages(locale))).toEqual(keyPaths(messages('en')));
  });

  test.each(LOCALES)('%s has no empty text', (locale) => {
    const empty = Object.entries(leaves(messages(locale))).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  test.each(OTHER_LOCALES)('%s uses the same {placeholders} as en in every text', (locale) => {
    const en = leaves(messages('en'));
    const other = leaves(messages(locale));
    const mismatched = Object.keys(en).filter(
      (key) => placeholders(en[key] ?? '') !== placeholders(other[key] ?? ''),
    );
    expect(mismatched).toEqual([]);
  });

  test.each<[string, Record<string, string | number>, string]>([
    ['{name}: uptime', { name: 'API' }, 'API: uptime'],
    ['{n} h {n} h', { n: 3 }, '3 h 3 h'],
    ['{missing} stays', {}, '{missing} stays'],
    ['{pct} % uptime', { pct: '99.95' }, '99.95 % uptime'],
  ])('fill(%j)', (template, values, expected) => {
    expect(fill(template, values)).toBe(expected);
  });
});

describe('createFormatter', () => {
  // 23:30 UTC on 4 October is 01:30 on 5 October in Rome, 19:30 on the 4th in New York and
  // 05:00 on the 5th in Kolkata.
  const at = Date.parse('2026-10-04T23:30:00Z');

  test.each<[Locale, string, string, string]>([
    ['it', 'Europe/Rome', '5 ott 2026', '01:30'],
    ['fr', 'Europe/Rome', '5 oct. 2026', '01:30'],
    ['en', 'Europe/Rome', 'Oct 5, 2026', '01:30 AM'],
    ['en', 'UTC', 'Oct 4, 2026', '11:30 PM'],
    ['en', 'America/New_York', 'Oct 4, 2026', '07:30 PM'],
    ['en', 'Asia/Kolkata', 'Oct 5, 2026', '05:00 AM'],
  ])('%s in %s: the date and time are local', (locale, zone, date, time) => {
    const f = createFormatter(locale, zone);
    expect(f.date(at)).toBe(date);
    expect(f.time(at)).toBe(time);
    expect(f.dateTime(at)).toContain(date);
    expect(f.dateTime(at)).toContain(time);
  });

  test.each<[Locale, string, string]>([
    ['it', 'Europe/Rome', 'CEST'],
    ['en', 'America/New_York', 'EDT'],
    ['en', 'Asia/Kolkata', 'GMT+5:30'],
  ])('%s dateTime names the zone of %s: %s', (locale, zone, name) => {
    expect(createFormatter(locale, zone).dateTime(at).endsWith(name)).toBe(true);
  });

  test.each<[Locale, string, string, string, string]>([
    ['it', 'Europe/Rome', '2026-10-25', '25 ott 2026', 'dom 25 ott'],
    ['it', 'Europe/Rome', '2026-03-29', '29 mar 2026', 'dom 29 mar'],
    ['en', 'Pacific/Kiritimati', '2026-10-04', 'Oct 4, 2026', 'Sun, Oct 4'],
    ['en', 'Pacific/Pago_Pago', '2026-10-04', 'Oct 4, 2026', 'Sun, Oct 4'],
    ['fr', 'Asia/Kolkata', '2026-12-31', '31 déc. 2026', 'jeu. 31 déc.'],
  ])('%s in %s: the local date %s is that date', (locale, zone, date, long, short) => {
    const f = createFormatter(locale, zone);
    expect(f.localDate(date)).toBe(long);
    expect(f.shortDate(date)).toBe(short);
  });

  test.each<[Locale, string, string]>([
    ['en', '2026-10', 'October 2026'],
    ['it', '2026-03', 'marzo 2026'],
    ['fr', '2026-02', 'février 2026'],
  ])('%s month %s', (locale, month, expected) => {
    expect(createFormatter(locale, 'Europe/Rome').month(month)).toBe(expected);
  });

  test.each<[Locale, number, string]>([
    ['en', 0, 'less than a minute'],
    ['en', MINUTE - 1, 'less than a minute'],
    ['en', MINUTE, '1 min'],
    ['en', 90 * MINUTE, '1 h 30 min'],
    ['en', 6 * HOUR + 12 * MINUTE, '6 h 12 min'],
    ['en', 2 * HOUR, '2 h'],
    ['en', DAY, '1 d'],
    ['en', 2 * DAY + 3 * HOUR + 5 * MINUTE, '2 d 3 h'],
    ['it', 2 * DAY + 3 * HOUR, '2 g 3 h'],
    ['it', 30 * 1000, 'meno di un minuto'],
    ['fr', DAY + 45 * MINUTE, '1 j'],
  ])('%s duration of %i ms is %j', (locale, ms, expected) => {
    expect(createFormatter(locale, 'Europe/Rome').duration(ms)).toBe(expected);
  });

  test.each<[Locale, number | null, string]>([
    ['en', 1, '100.00'],
    ['en', 0.99999, '99.99'],
    ['en', 0.9995, '99.95'],
    ['en', null, 'no data'],
    ['it', 0.99999, '99,99'],
    ['it', null, 'nessun dato'],
    ['fr', 0.5, '50,00'],
    ['fr', null, 'aucune donnée'],
  ])('%s uptime %s is %j', (locale, fraction, expected) => {
    expect(createFormatter(locale, 'Europe/Rome').uptime(fraction)).toBe(expected);
  });
});

/** Every key path of a nested object, sorted, e.g. `indicator.none`. */
function keyPaths(value: object, prefix = ''): string[] {
  return Object.entries(value)
    .flatMap(([key, child]: [string, unknown]) =>
      child !== null && typeof child === 'object'
        ? [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)]
        : [`${prefix}${key}`],
    )
    .sort();
}

/** Every text of a nested object by key path. */
function leaves(value: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value) as [string, unknown][]) {
    if (child !== null && typeof child === 'object')
      Object.assign(out, leaves(child, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = String(child);
  }
  return out;
}

/** The sorted set of `{placeholders}` in a text. */
function placeholders(text: string): string {
  return [...new Set(text.match(/\{\w+\}/g) ?? [])].sort().join(' ');
}
