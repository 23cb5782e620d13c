/** Dates, times, durations and percentages in the site's language and time zone, with Intl. */
import type { Locale } from '../config/schema.ts';
import { uptimePercent } from '../uptime.ts';
import { DAY, HOUR, MINUTE, startOfLocalDay } from '../time.ts';
import { fill, messages, type Plural } from './messages.ts';

/** Formatting functions bound to a language and a time zone. */
export interface Formatter {
  /** "4 Oct 2026, 17:40 CEST" */
  dateTime(instant: number): string;
  /** "4 Oct 2026" for an instant. */
  date(instant: number): string;
  /** "4 Oct 2026" for a local date `YYYY-MM-DD`. */
  localDate(date: string): string;
  /** "Sat 4 Oct" for a local date, short. */
  shortDate(date: string): string;
  /** "4 Oct" for an instant: a recent day, whose year goes without saying. */
  dayMonth(instant: number): string;
  /** "October 2026" for `YYYY-MM`. */
  month(month: string): string;
  /** "17:40" */
  time(instant: number): string;
  /** "6 h 12 min" */
  duration(ms: number): string;
  /** "99.95" (two decimals, truncated) or the words for no data. */
  uptime(fraction: number | null): string;
  /** "WhatsApp, Instagram and Facebook", as the language joins a list. */
  list(items: readonly string[]): string;
  /** The form of a sentence that agrees with a count, in the language's plural rules. */
  plural(forms: Plural, count: number): string;
}

/** Creates a formatter; Intl objects are built once per formatter. */
export function createFormatter(locale: Locale, timeZone: string): Formatter {
  const t = messages(locale);
  const dateTimeF = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const dateF = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const shortF = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const dayMonthF = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
  const monthF = new Intl.DateTimeFormat(locale, { timeZone, month: 'long', year: 'numeric' });
  const timeF = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const numberF = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const listF = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const pluralF = new Intl.PluralRules(locale);
  // Local dates are shown at local noon, far from any DST jump.
  const noon = (date: string): number => startOfLocalDay(date, timeZone) + 12 * HOUR;
  return {
    dateTime: (instant) => dateTimeF.format(instant),
    date: (instant) => dateF.format(instant),
    localDate: (date) => dateF.format(noon(date)),
    shortDate: (date) => shortF.format(noon(date)),
    dayMonth: (instant) => dayMonthF.format(instant),
    month: (month) => monthF.format(noon(`${month}-15`)),
    time: (instant) => timeF.format(instant),
    duration: (ms) => {
      const parts = t.durationParts;
      if (ms < MINUTE) return parts.lessThanMinute;
      const d = Math.floor(ms / DAY);
      const h = Math.floor((ms % DAY) / HOUR);
      const m = Math.floor((ms % HOUR) / MINUTE);
      const out: string[] = [];
      if (d) out.push(fill(parts.d, { n: d }));
      if (h) out.push(fill(parts.h, { n: h }));
      if (m && !d) out.push(fill(parts.m, { n: m }));
      return out.join(' ');
    },
    uptime: (fraction) => {
      const pct = uptimePercent(fraction);
      return pct === null ? t.noData : numberF.format(Number(pct));
    },
    list: (items) => listF.format(items),
    // Plural categories other than "one" ("many" in French for millions) take the `other` form.
    plural: (forms, count) => (pluralF.select(count) === 'one' ? forms.one : forms.other),
  };
}
