import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  formatRollup,
  formatSample,
  parseRollup,
  parseSample,
  rollupsFileName,
  samplesFileName,
  type RollupLine,
  type Sample,
} from '../../src/lib/history/format.ts';
import { readHistory, toSegments } from '../../src/lib/history/read.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const MINUTE = 60_000;
const FIVE = 5 * MINUTE;

describe('sample lines', () => {
  test.each<[string, Sample, string]>([
    [
      'up with a time',
      sample('2026-10-04T15:40:00Z', 'website', 'operational', 123),
      '15:40\twebsite\tup\t123\n',
    ],
    [
      'down without a time, with a reason',
      sample('2026-10-04T00:05:00Z', 'api', 'major_outage', null, 'HTTP 503'),
      '00:05\tapi\tdown\t-\tHTTP 503\n',
    ],
    [
      'degraded',
      sample(
        '2026-10-04T23:59:00Z',
        'api',
        'degraded_performance',
        2500,
        'slow: 2500 ms > 1000 ms',
      ),
      '23:59\tapi\tdegraded\t2500\tslow: 2500 ms > 1000 ms\n',
    ],
    [
      'partial',
      sample('2026-10-04T12:00:00Z', 'ordering', 'partial_outage', 0),
      '12:00\tordering\tpartial\t0\n',
    ],
  ])('%s: format and parse round trip', (_, s, line) => {
    expect(formatSample(s)).toBe(line);
    expect(parseSample(line.slice(0, -1), '2026-10-04')).toEqual(s);
  });

  test('response times are rounded and reasons folded onto one line', () => {
    const s = sample(
      '2026-10-04T15:40:00Z',
      'api',
      'major_outage',
      99.6,
      'first\tsecond\r\nthird  ',
    );
    const line = formatSample(s);
    expect(line).toBe('15:40\tapi\tdown\t100\tfirst second third\n');
    expect(parseSample(line.trimEnd(), '2026-10-04')).toEqual({
      ...s,
      ms: 100,
      reason: 'first second third',
    });
  });

  test.each<[string, string]>([
    ['15:40\twebsite\tup', 'expected at least 4 tab-separated fields, found 3'],
    ['', 'expected at least 4 tab-separated fields, found 1'],
    ['15:40 website up 120', 'expected at least 4 tab-separated fields, found 1'],
    ['25:00\twebsite\tup\t120', 'time "25:00" is not HH:MM'],
    ['5:40\twebsite\tup\t120', 'time "5:40" is not HH:MM'],
    ['15:40\twebsite\tok\t120', 'status "ok" is not one of up, degraded, partial, down'],
    ['15:40\twebsite\tup\t12.5', 'response time "12.5" is not a whole number or "-"'],
    ['15:40\twebsite\tup\t', 'response time "" is not a whole number or "-"'],
    ['15:40\t\tup\t120', 'empty component id'],
  ])('a bad line %j gives its reason', (line, reason) => {
    expect(parseSample(line, '2026-10-04')).toBe(reason);
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
  mkdirSync(join(dir, 'samples'));
  mkdirSync(join(dir, 'daily'));
  writeFileSync(
    join(dir, 'samples', '2026-10-03.tsv'),
    ['23:50\tapi\tup\t100', '23:55\tapi\tdown\t-\tHTTP 503', '23:55\tweb\tup\t80', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'samples', '2026-10-04.tsv'),
    [
      '# comment lines are skipped',
      '00:00\tapi\tdown\t-\tHTTP 503',
      '00:05\tapi\tup\t300',
      '00:10\tapi\tbroken',
      '00:10\tapi\tup\t200\r',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'samples', 'notes.txt'), 'not a samples file');
  writeFileSync(join(dir, 'samples', 'README.tsv'), 'not\ta\tsamples\tfile\n');
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
        file: 'history/samples/2026-10-04.tsv',
        line: 4,
        message: 'expected at least 4 tab-separated fields, found 3',
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
    expect(api?.recent).toEqual([
      'operational',
      'major_outage',
      'major_outage',
      'operational',
      'operational',
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

  test('recentRuns keeps only the latest runs', () => {
    expect(
      readHistory({ dir, intervalMinutes: 5, recentRuns: 2 }).components.get('api')?.recent,
    ).toEqual(['operational', 'operational']);
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
