/**
 * The rows of a day-by-day table: one per day, newest first, except that a run of days with no
 * data becomes one row ("1 Sep – 28 Nov: no data") instead of a screenful of the same words.
 */
import type { ComponentDay } from './site.ts';

/** One row: a day, or a run of two or more days with no data (`from` the oldest, `to` the newest). */
export type DayRow =
  { kind: 'day'; day: ComponentDay } | { kind: 'nodata'; from: string; to: string };

/** Rows for days given oldest first (as the model keeps them), newest first. */
export function dayRows(days: readonly ComponentDay[]): DayRow[] {
  const rows: DayRow[] = [];
  let run: ComponentDay[] = [];
  const endRun = (): void => {
    if (run.length > 1) rows.push({ kind: 'nodata', from: run.at(-1)!.date, to: run[0]!.date });
    else rows.push(...run.map((day): DayRow => ({ kind: 'day', day })));
    run = [];
  };
  for (const day of [...days].reverse()) {
    if (day.level === 'nodata' && day.incidents.length === 0) {
      run.push(day);
      continue;
    }
    endRun();
    rows.push({ kind: 'day', day });
  }
  endRun();
  return rows;
}
