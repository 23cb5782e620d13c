/**
 * The subscriber list as CSV (RFC 4180, through csv-stringify and csv-parse), the format of both
 * `export` and `import`, so that an export imports back:
 *
 *   email,locale,components,source,created_at,consent_at,confirmed_at
 *   ada@example.com,en,website ordering,form,2026-11-21T09:00:00.000Z,2026-11-21T09:00:00.000Z,2026-11-21T09:03:12.000Z
 *
 * `components` is a space-separated list of component ids (empty: every component); times are ISO
 * 8601 or empty. On import only `email` is required; `locale` defaults to the site's; a row with
 * `consent_at` is imported subscribed (its `confirmed_at`, else the import time), a row without it
 * gets a confirmation request and nothing else until it is confirmed; `created_at` is not read.
 */
import { z } from 'astro/zod';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { LOCALES, type Locale } from '../config/schema.ts';
import type { Problem } from '../validation/friendly-errors.ts';
import { parseAddress } from './address.ts';
import type { NewSubscriber, Subscriber } from './store.ts';

/** The columns, in order. */
export const CSV_COLUMNS = [
  'email',
  'locale',
  'components',
  'source',
  'created_at',
  'consent_at',
  'confirmed_at',
] as const;

/** Every subscriber as CSV text, with a header row. */
export function subscribersCsv(subscribers: readonly Subscriber[]): string {
  const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());
  return stringify([
    [...CSV_COLUMNS],
    ...subscribers.map((s) => [
      s.email,
      s.locale,
      s.components.join(' '),
      s.source,
      iso(s.createdAt),
      iso(s.consentAt),
      iso(s.confirmedAt),
    ]),
  ]);
}

const parsedRecords = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }),
);

/** What parsing an import found: the rows, or every problem (and then nothing is imported). */
export type ParsedCsv = { ok: true; rows: NewSubscriber[] } | { ok: false; problems: Problem[] };

/**
 * Parses an import; `file` names it in problems (line, and column as the field's position). Long
 * because every problem of the file is gathered in one pass, header then rows, so that an import
 * is refused once with all of them rather than one at a time.
 */
export function parseSubscribersCsv(
  text: string,
  options: { file: string; components: ReadonlySet<string>; locale: Locale; now: number },
): ParsedCsv {
  const problems: Problem[] = [];
  const problem = (line: number, column: number, field: string, message: string): void =>
    void problems.push({ file: options.file, line, column, field, message });
  let records: z.output<typeof parsedRecords>;
  try {
    // With `info`, csv-parse returns { record, info } objects its types do not describe.
    const output: unknown = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      trim: true,
    });
    records = parsedRecords.parse(output);
  } catch (error) {
    // csv-parse names the line it stopped at; anything else thrown names none.
    const lines =
      typeof error === 'object' &&
      error !== null &&
      'lines' in error &&
      typeof error.lines === 'number'
        ? error.lines
        : 1;
    problem(
      lines,
      1,
      '',
      `not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { ok: false, problems };
  }
  const [header, ...body] = records;
  if (header === undefined) return { ok: true, rows: [] };
  const columns = header.record.map((name) => name.toLowerCase());
  columns.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      problem(header.info.lines, i + 1, name, `unknown column (known: ${CSV_COLUMNS.join(', ')})`);
  });
  if (!columns.includes('email')) problem(header.info.lines, 1, 'email', 'no email column');
  if (problems.length) return { ok: false, problems };

  const rows: NewSubscriber[] = [];
  const seen = new Set<string>();
  for (const { record, info } of body) {
    const line = info.lines;
    const cell = (name: (typeof CSV_COLUMNS)[number]): { value: string; column: number } => {
      const i = columns.indexOf(name);
      return { value: i < 0 ? '' : (record[i] ?? ''), column: i + 1 };
    };
    const time = (name: 'consent_at' | 'confirmed_at'): number | null => {
      const { value, column } = cell(name);
      if (value === '') return null;
      const at = Date.parse(value);
      if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
        problem(
          line,
          column,
          name,
          `"${value}" is not an ISO 8601 time such as 2026-11-21T09:00:00Z`,
        );
        return null;
      }
      return at;
    };
    const before = problems.length;
    const email = cell('email');
    const address = parseAddress(email.value);
    if (!address.ok)
      problem(line, email.column, 'email', `${address.problem}: "${oneLine(email.value)}"`);
    else if (seen.has(address.address)) problem(line, email.column, 'email', 'listed twice');
    const locale = cell('locale');
    const language = locale.value === '' ? options.locale : LOCALES.find((l) => l === locale.value);
    if (language === undefined)
      problem(line, locale.column, 'locale', `"${locale.value}": use ${LOCALES.join(', ')}`);
    const list = cell('components');
    const components = list.value.split(/\s+/).filter(Boolean);
    for (const c of components)
      if (!options.components.has(c))
        problem(line, list.column, 'components', `no component "${c}"`);
    const source = cell('source');
    if (source.value !== '' && source.value !== 'form' && source.value !== 'import')
      problem(line, source.column, 'source', `"${source.value}": use form or import`);
    const consentAt = time('consent_at');
    const confirmedAt = time('confirmed_at');
    if (consentAt === null && confirmedAt !== null)
      problem(line, cell('confirmed_at').column, 'confirmed_at', 'set without consent_at');
    if (problems.length > before || !address.ok || language === undefined) continue;
    seen.add(address.address);
    rows.push({
      email: address.address,
      locale: language,
      components,
      source: source.value === 'form' ? 'form' : 'import',
      consentAt,
      confirmedAt: consentAt === null ? null : (confirmedAt ?? options.now),
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, '⏎');
}
