import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  columnsAtEnd,
  formatRollup,
  formatRun,
  formatSamplesFiles,
  parseRollup,
  parseSamples,
  rollupsFileName,
  samplesFileName,
  type RollupLine,
  type Sample,
} from '../../src/lib/history/format.ts';
import { readHistory, toSegments } from '../../src/lib/history/read.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const MINUTE = 60_000;
const FIVE = 5 * MINUTE;

describe('samples files', () => {
  const DATE = '2026-10-04';
  const at = (time: string): number => Date.parse(`${DATE}T${time}:00Z`);

  test.each<[string, Sample, string]>([
    ['up with a time', sample('2026-10-04T15:40:00Z', 'website', 'operational', 123), '123'],
    [
      'down without a time, with a reason',
      sample('2026-10-04T00:05:00Z', 'website', 'major_outage', null, 'HTTP 503'),
      'down - HTTP 503',
    ],
    [
      'degraded',
      sample(
        '2026-10-04T23:59:00Z',
        'website',
        'degraded_performance',
        2500,
        'slow: 2500 ms > 1000 ms',
      ),
      'degraded 2500 slow: 2500 ms > 1000 ms',
    ],
    ['partial', sample('2026-10-04T12:00:00Z', 'website', 'partial_outage', 0), 'partial 0'],
    ['up without a time', sample('2026-10-04T12:00:00Z', 'website', 'operational', null), '-'],
    [
      'up with a reason',
      sample(
        '2026-10-04T12:00:00Z',
        'website',
        'operational',
        90,
        'certificate expires in 20 days',
      ),
      '90 certificate expires in 20 days',
    ],
  ])('%s: a cell that reads back the same', (_, s, cell) => {
    const { text } = formatRun([], s.at, [s]);
    expect(text).toBe(`time\twebsite\n${new Date(s.at).toISOString().slice(11, 16)}\t${cell}\n`);
    expect(parseSamples(text, DATE)).toEqual({ samples: [s], problems: [] });
  });

  test('a run is one line; a header comes first only when the columns change', () => {
    const first = formatRun([], at('09:00'), [
      sample('2026-10-04T09:00:00Z', 'web', 'operational', 80),
      sample('2026-10-04T09:00:00Z', 'api', 'major_outage', null, 'expected 200, got 503'),
    ]);
    expect(first).toEqual({
      text: 'time\tweb\tapi\n09:00\t80\tdown - expected 200, got 503\n',
      columns: ['web', 'api'],
    });
    const second = formatRun(first.columns, at('09:05'), [
      sample('2026-10-04T09:05:00Z', 'api', 'operational', 120),
      sample('2026-10-04T09:05:00Z', 'web', 'operational', 81),
    ]);
    expect(second.text).toBe('09:05\t81\t120\n');
    // A new component: the header repeats the old columns first, so earlier lines read the same.
    const third = formatRun(second.columns, at('09:10'), [
      sample('2026-10-04T09:10:00Z', 'pay', 'operational', 300),
    ]);
    expect(third.text).toBe('time\tweb\tapi\tpay\n09:10\t\t\t300\n');
    const text = first.text + second.text + third.text;
    expect(columnsAtEnd(text)).toEqual(['web', 'api', 'pay']);
    expect(parseSamples(text, DATE).samples.map((s) => [hhmm(s.at), s.component, s.ms])).toEqual([
      ['09:00', 'web', 80],
      ['09:00', 'api', null],
      ['09:05', 'web', 81],
      ['09:05', 'api', 120],
      ['09:10', 'pay', 300],
    ]);
  });

  test('trailing empty cells are left out, and a line read under a later, wider header is unchanged', () => {
    const { text } = formatRun(['web', 'api'], at('10:00'), [
      sample('2026-10-04T10:00:00Z', 'web', 'operational', 70),
    ]);
    expect(text).toBe('10:00\t70\n');
    // Two runs merged by lines in the other order (merge=union): the narrow line after the wide header.
    const merged = 'time\tweb\tapi\ntime\tweb\tapi\tpay\n10:05\t71\t90\t300\n' + text;
    expect(parseSamples(merged, DATE).samples.map((s) => [hhmm(s.at), s.component])).toEqual([
      ['10:05', 'web'],
      ['10:05', 'api'],
      ['10:05', 'pay'],
      ['10:00', 'web'],
    ]);
  });

  test('response times are rounded and reasons folded onto one line', () => {
    const s = sample(
      '2026-10-04T15:40:00Z',
      'api',
      'major_outage',
      99.6,
      'first\tsecond\r\nthird  ',
    );
    const { text } = formatRun([], s.at, [s]);
    expect(text).toBe('time\tapi\n15:40\tdown 100 first second third\n');
    expect(parseSamples(text, DATE).samples).toEqual([
      { ...s, ms: 100, reason: 'first second third' },
    ]);
  });

  test.each<[string, string[]]>([
    ['time\tweb\n25:00\t120', ['2: time "25:00" is not HH:MM']],
    ['time\tweb\n5:40\t120', ['2: time "5:40" is not HH:MM']],
    ['15:40\t120', ['1: a run before the header line ("time" and the component ids)']],
    ['time\tweb\n15:40\tok 120', ['2: web: "ok 120" is not [status] response-time|- [reason]']],
    ['time\tweb\n15:40\t12.5', ['2: web: "12.5" is not [status] response-time|- [reason]']],
    ['time\tweb\n15:40\tdown', ['2: web: "down" is not [status] response-time|- [reason]']],
    [
      'time\tweb\tweb\n15:40\t1',
      [
        '1: column "web" appears twice',
        '2: a run before the header line ("time" and the component ids)',
      ],
    ],
    ['time\tweb\t\tapi', ['1: empty column name']],
    ['time\tweb\n15:40\t1\t2', ['2: 2 cells for 1 columns: the extra ones are skipped']],
    ['15:40 website up 120', ['1: time "15:40 website up 120" is not HH:MM']],
  ])('a bad file %j gives its line and reason', (text, expected) => {
    const { problems } = parseSamples(text, DATE);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual(expected);
  });

  test('a bad cell costs only that cell; the rest of the line is read', () => {
    const { samples, problems } = parseSamples('time\ta\tb\tc\n15:40\t10\tbroken\t30\n', DATE);
    expect(samples.map((s) => [s.component, s.ms])).toEqual([
      ['a', 10],
      ['c', 30],
    ]);
    expect(problems).toEqual([
      { line: 2, message: 'b: "broken" is not [status] response-time|- [reason]' },
    ]);
  });

  test('whole files for samples of many instants: one line per instant, in time order', () => {
    const files = formatSamplesFiles([
      sample('2026-10-05T00:00:00Z', 'web', 'operational', 3),
      sample('2026-10-04T23:55:00Z', 'web', 'operational', 2),
      sample('2026-10-04T23:55:00Z', 'api', 'operational', 20),
      sample('2026-10-04T23:50:00Z', 'web', 'operational', 1),
    ]);
    expect([...files]).toEqual([
      ['2026-10-04.tsv', 'time\tweb\n23:50\t1\ntime\tweb\tapi\n23:55\t2\t20\n'],
      ['2026-10-05.tsv', 'time\tweb\n00:00\t3\n'],
    ]);
  });

  test('any runs, with components coming and going, read back exactly (property)', () => {
    const ids = ['web', 'api', 'pay', 'chat', 'time-keeper'];
    const cell = fc.record({
      status: fc.constantFrom<HealthStatus>(
        'operational',
        'degraded_performance',
        'partial_outage',
        'major_outage',
      ),
      ms: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
      // Reasons as checks write them: any text, folded onto one line by the writer.
      reason: fc.option(fc.string({ maxLength: 40, unit: 'binary' }), { nil: undefined }),
    });
    const run = fc.record({
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      cells: fc.dictionary(fc.constantFrom(...ids), cell, { minKeys: 1 }),
    });
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 30 }), (runs) => {
        let text = '';
        let columns: string[] = [];
        const written: Sample[] = [];
        for (const r of runs) {
          const samples = Object.entries(r.cells).map(([component, c]) => ({
            at: at('00:00') + r.minute * MINUTE,
            component,
            ...c,
          }));
          const next = formatRun(columns, samples[0]!.at, samples);
          text += next.text;
          columns = next.columns;
          written.push(...samples);
        }
        const { samples, problems } = parseSamples(text, DATE);
        expect(problems).toEqual([]);
        const expected = written.map((s) => {
          const reason = s.reason
            ?.replace(/[\t\r\n]+/g, ' ')
            .trim()
            .slice(0, 200);
          return { ...s, reason: reason || undefined };
        });
        // The same samples, as many times each (two runs may share a minute).
        const each = (list: Sample[]): string[] =>
          list.map((s) => JSON.stringify([s.at, s.component, s.status, s.ms, s.reason])).sort();
        expect(each(samples)).toEqual(each(expected));
      }),
      { numRuns: 300 },
    );
  });

  test('the file name is the UTC date', () => {
    expect(samplesFileName(Date.parse('2026-10-04T23:30:00Z'))).toBe('2026-10-04.tsv');
    expect(samplesFileName(Date.parse('2026-10-05T00:30:00+02:00'))).toBe('2026-10-04.tsv');
  });
});

describe('rollup lines', () => {
  test('format and parse round trip', () => {
    const r: RollupLine = {
      date: '2026-10-25',
      component: 'api',
      observed: 1500,
      degraded: 10,
      partial: 2,
      major: 0,
      avgMs: 180,
    };
    expect(formatRollup(r)).toBe('2026-10-25\tapi\t1500\t10\t2\t0\t180\n');
    expect(parseRollup(formatRollup(r).trimEnd())).toEqual(r);
    expect(parseRollup('2026-10-25\tapi\t1440\t0\t0\t0\t-')).toEqual({
      ...r,
      observed: 1440,
      degraded: 0,
      partial: 0,
      avgMs: null,
    });
    expect(rollupsFileName('2026-10-25')).toBe('2026.tsv');
  });

  test.each<[string, string]>([
    ['2026-10-25\tapi\t1440\t0\t0\t0', 'expected 7 tab-separated fields, found 6'],
    ['25/10/2026\tapi\t1440\t0\t0\t0\t-', 'date "25/10/2026" is not YYYY-MM-DD'],
    ['2026-10-25\tapi\t1440\t-1\t0\t0\t-', 'minutes must be non-negative numbers'],
    ['2026-10-25\tapi\tmany\t0\t0\t0\t-', 'minutes must be non-negative numbers'],
    ['2026-10-25\tapi\t1440\t0\t0\t0\tfast', 'average "fast" is not a number or "-"'],
  ])('a bad line %j gives its reason', (line, reason) => {
    expect(parseRollup(line)).toBe(reason);
  });
});

describe('toSegments', () => {
  test.each<[string, [string, HealthStatus][], [string, string, HealthStatus][]]>([
    ['no samples', [], []],
    [
      'one sample stands for one interval',
      [['10:00', 'operational']],
      [['10:00', '10:05', 'operational']],
    ],
    [
      'consecutive equal samples merge',
      [
        ['10:00', 'operational'],
        ['10:05', 'operational'],
        ['10:10', 'operational'],
      ],
      [['10:00', '10:15', 'operational']],
    ],
    [
      'a change starts a new segment',
      [
        ['10:00', 'operational'],
        ['10:05', 'major_outage'],
        ['10:10', 'major_outage'],
        ['10:15', 'operational'],
      ],
      [
        ['10:00', '10:05', 'operational'],
        ['10:05', '10:15', 'major_outage'],
        ['10:15', '10:20', 'operational'],
      ],
    ],
    [
      'a gap longer than the interval is left open, and equal statuses do not merge over it',
      [
        ['10:00', 'operational'],
        ['10:30', 'operational'],
      ],
      [
        ['10:00', '10:05', 'operational'],
        ['10:30', '10:35', 'operational'],
      ],
    ],
    [
      'a sample sooner than the interval ends at the next',
      [
        ['10:00', 'degraded_performance'],
        ['10:02', 'operational'],
      ],
      [
        ['10:00', '10:02', 'degraded_performance'],
        ['10:02', '10:07', 'operational'],
      ],
    ],
    [
      'two samples in one minute: the later line wins',
      [
        ['10:00', 'operational'],
        ['10:05', 'operational'],
        ['10:05', 'major_outage'],
      ],
      [
        ['10:00', '10:05', 'operational'],
        ['10:05', '10:10', 'major_outage'],
      ],
    ],
    [
      'a repeated minute leaves no trace of the earlier line',
      [
        ['10:00', 'major_outage'],
        ['10:05', 'operational'],
        ['10:05', 'major_outage'],
      ],
      [['10:00', '10:10', 'major_outage']],
    ],
  ])('%s', (_, samples, expected) => {
    const list = samples.map(([time, status]) =>
      sample(`2026-10-04T${time}:00Z`, 'api', status, 100),
    );
    expect(toSegments(list, FIVE).map((s) => [hhmm(s.start), hhmm(s.end), s.status])).toEqual(
      expected,
    );
  });
});

describe('readHistory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-history-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'daily'));
  writeFileSync(
    join(dir, '2026-10-03.tsv'),
    ['time\tapi', '23:50\t100', 'time\tapi\tweb', '23:55\tdown - HTTP 503\t80', ''].join('\n'),
  );
  writeFileSync(
    join(dir, '2026-10-04.tsv'),
    [
      '# comment lines are skipped',
      'time\tapi',
      '00:00\tdown - HTTP 503',
      '00:05\t300',
      '00:10\tbroken',
      '00:10\t200\r',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'notes.txt'), 'not a samples file');
  writeFileSync(join(dir, 'notifications.tsv'), 'not\ta\tsamples\tfile\n');
  writeFileSync(
    join(dir, 'daily', '2026.tsv'),
    [
      '2026-09-01\tapi\t1440\t0\t0\t30\t150',
      '2026-09-01\tweb\t1440\t0\t0\t0\t-',
      '2026-09-02\tapi\tlots\t0\t0\t0\t-',
      '',
    ].join('\n'),
  );
  const history = readHistory({ dir, intervalMinutes: 5 });

  test('a malformed line is a warning naming its file and line, not a throw', () => {
    expect(history.warnings).toEqual([
      {
        file: 'history/2026-10-04.tsv',
        line: 5,
        message: 'api: "broken" is not [status] response-time|- [reason]',
      },
      { file: 'history/daily/2026.tsv', line: 3, message: 'minutes must be non-negative numbers' },
    ]);
    expect(history.sampleCount).toBe(6);
  });

  test('samples across files become one sorted timeline per component', () => {
    const api = history.components.get('api');
    expect(api?.segments.map((s) => [iso(s.start), iso(s.end), s.status])).toEqual([
      ['2026-10-03T23:50', '2026-10-03T23:55', 'operational'],
      ['2026-10-03T23:55', '2026-10-04T00:05', 'major_outage'],
      ['2026-10-04T00:05', '2026-10-04T00:15', 'operational'],
    ]);
    expect(api?.last).toEqual(sample('2026-10-04T00:10:00Z', 'api', 'operational', 200));
    expect(history.lastChecked).toBe(Date.parse('2026-10-04T00:10:00Z'));
  });

  test('hourly response times average the timed samples of each UTC hour', () => {
    expect(history.components.get('api')?.hourlyMs).toEqual([
      [Date.parse('2026-10-03T23:00:00Z'), 100],
      [Date.parse('2026-10-04T00:00:00Z'), 250],
    ]);
  });

  test('rollups are read by component and date', () => {
    expect(history.components.get('api')?.rollups.get('2026-09-01')).toEqual({
      date: '2026-09-01',
      component: 'api',
      observed: 1440,
      degraded: 0,
      partial: 0,
      major: 30,
      avgMs: 150,
    });
    expect([...(history.components.get('web')?.rollups.keys() ?? [])]).toEqual(['2026-09-01']);
  });

  test('the confirmed status is the one state.json records, not one folded from the samples', () => {
    const withState = mkdtempSync(join(tmpdir(), 'heliograph-history-state-'));
    try {
      cpSync(dir, withState, { recursive: true });
      // The samples end "down down up up": folded again they would say operational.
      writeFileSync(
        join(withState, 'state.json'),
        JSON.stringify({
          version: 1,
          components: {
            api: { confirmed: 'major_outage', since: '2026-10-04T00:00:00.000Z', count: 0 },
            gone: { confirmed: 'partial_outage', since: '2026-10-01T00:00:00.000Z', count: 0 },
          },
        }),
      );
      const read = readHistory({ dir: withState, intervalMinutes: 5 });
      expect(read.components.get('api')?.confirmed).toEqual({
        status: 'major_outage',
        since: Date.parse('2026-10-04T00:00:00Z'),
      });
      expect(read.components.get('web')?.confirmed).toBeUndefined();
      expect(read.warnings).toEqual(history.warnings);

      writeFileSync(join(withState, 'state.json'), '{"version": 1, "components": {"api": {}}}');
      const corrupt = readHistory({ dir: withState, intervalMinutes: 5 });
      expect(corrupt.components.get('api')?.confirmed).toBeUndefined();
      const warning = corrupt.warnings.find((w) => w.file === 'history/state.json');
      expect([warning?.line, warning?.message]).toEqual([
        1,
        'not a valid state (components.api.confirmed: Invalid option: expected one of "operational"|"degraded_performance"|"partial_outage"|"major_outage"); no confirmed status is shown until the next probe run',
      ]);
    } finally {
      rmSync(withState, { recursive: true, force: true });
    }
  });

  test('a missing folder is an empty history', () => {
    expect(readHistory({ dir: join(dir, 'nothing-here'), intervalMinutes: 5 })).toEqual({
      components: new Map(),
      warnings: [],
      sampleCount: 0,
    });
  });
});

function sample(
  at: string,
  component: string,
  status: HealthStatus,
  ms: number | null,
  reason?: string,
): Sample {
  return { at: Date.parse(at), component, status, ms, reason };
}

function hhmm(at: number): string {
  return new Date(at).toISOString().slice(11, 16);
}

function iso(at: number): string {
  return new Date(at).toISOString().slice(0, 16);
}
