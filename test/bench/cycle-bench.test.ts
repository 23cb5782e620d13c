/**
 * The cycle benchmark's arithmetic and the replay's reading of what steps write: billed minutes
 * round each job up to the minute, the month's table follows from one cycle's figures, and
 * GITHUB_OUTPUT's two forms are read as the runner reads them.
 */
import { describe, expect, test } from 'vitest';
import { BILLING, billedMinutes, minutesTable } from '../../scripts/lib/cycle-bench.ts';
import { parseOutputFile } from '../../scripts/lib/workflow-replay.ts';

describe('billed minutes', () => {
  test('each job is rounded up to the whole minute, and costs one at least', () => {
    expect(billedMinutes(1)).toBe(1);
    expect(billedMinutes(59_999)).toBe(1);
    expect(billedMinutes(60_000)).toBe(1);
    expect(billedMinutes(60_001)).toBe(2);
    expect(billedMinutes(150_000)).toBe(3);
  });

  test("a month's minutes follow from one cycle and one Deploy", () => {
    const rows = minutesTable({ cycleMs: 47_000, jobsPerCycle: 1, deployMs: 61_000 });
    const row = (start: string) => rows.find((r) => r.startsWith(start))!.replace(/\s+/g, ' ');
    expect(BILLING.days).toBe(30);
    // 30 days of 5-minute cycles, one minute each; 2,000 are included on Free.
    expect(row("Probe on GitHub's cron, every 5 min")).toBe(
      "Probe on GitHub's cron, every 5 min 8,640 6,640 over, $39.84",
    );
    expect(row("Probe on GitHub's cron, every 10 min")).toBe(
      "Probe on GitHub's cron, every 10 min 4,320 2,320 over, $13.92",
    );
    // A Deploy of 61 s is billed two minutes, once per loop run.
    expect(row('loop (--every 300)')).toBe(
      'loop (--every 300), each run published by Deploy 17,280 15,280 over, $91.68',
    );
    expect(row('loop, Deploy on the same self-hosted runner')).toBe(
      'loop, Deploy on the same self-hosted runner 0 within',
    );
  });
});

describe('GITHUB_OUTPUT', () => {
  test('reads name=value lines and name<<DELIMITER blocks', () => {
    expect(
      parseOutputFile(
        'matrix={"include":[]}\nshards=1\nnotes<<EOF\na=b\nsecond line\nEOF\nlast=x=y\n',
      ),
    ).toEqual({ matrix: '{"include":[]}', shards: '1', notes: 'a=b\nsecond line', last: 'x=y' });
  });
});
