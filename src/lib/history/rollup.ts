/** Daily rollups: a day's probe minutes per state, computed from its samples when the day is over. */
import type { DaySpan } from '../time.ts';
import { MINUTE } from '../time.ts';
import type { RollupLine, Sample } from './format.ts';
import { toSegments } from './read.ts';

/** The rollup of one component's samples (sorted) over one local day. */
export function rollupDay(
  component: string,
  samples: readonly Sample[],
  day: DaySpan,
  intervalMs: number,
): RollupLine {
  const minutes = { observed: 0, degraded: 0, partial: 0, major: 0 };
  for (const seg of toSegments(samples, intervalMs)) {
    const length = Math.min(seg.end, day.end) - Math.max(seg.start, day.start);
    if (length <= 0) continue;
    minutes.observed += length;
    if (seg.status === 'degraded_performance') minutes.degraded += length;
    else if (seg.status === 'partial_outage') minutes.partial += length;
    else if (seg.status === 'major_outage') minutes.major += length;
  }
  const timed = samples.filter((s) => s.ms !== null && s.at >= day.start && s.at < day.end);
  const avgMs = timed.length ? timed.reduce((sum, s) => sum + (s.ms ?? 0), 0) / timed.length : null;
  return {
    date: day.date,
    component,
    observed: minutes.observed / MINUTE,
    degraded: minutes.degraded / MINUTE,
    partial: minutes.partial / MINUTE,
    major: minutes.major / MINUTE,
    avgMs,
  };
}
