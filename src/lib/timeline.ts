/**
 * A component's status over time, cut into the site's local days: what probes saw, what
 * incidents set, and when maintenance ran, combined by the status rules into minutes per state.
 */
import { worseStatus, type HealthStatus } from './status.ts';
import { MINUTE, type DaySpan, type LocalDate } from './time.ts';
import { NO_MINUTES, type Minutes } from './uptime.ts';

/** A half-open interval `[start, end)` of epoch milliseconds with the status in force. */
export interface Segment {
  start: number;
  end: number;
  status: HealthStatus;
}

/** A half-open interval of epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** Probe minutes of one local day, kept after the raw samples are pruned. */
export interface Rollup extends Omit<Minutes, 'maintenance'> {
  date: LocalDate;
}

/** Everything known about one component, as plain data. */
export interface TimelineInput {
  /** Probe segments, sorted by start and not overlapping. */
  probe: readonly Segment[];
  /** Statuses that incidents set, one segment per incident phase; they may overlap. */
  incidents: readonly Segment[];
  /** Maintenance windows covering the component. */
  maintenance: readonly Span[];
  /** Probe rollups of days whose samples were pruned, by date. */
  rollups: ReadonlyMap<LocalDate, Rollup>;
  /**
   * For a component without checks, the instant from which editors' incidents are its record:
   * every minute after it counts as observed. Undefined for components with checks.
   */
  observedFrom?: number | undefined;
}

/** Minutes per state for each day, clipped at `now`. */
export function dailyMinutes(
  input: TimelineInput,
  days: readonly DaySpan[],
  now: number,
): Map<LocalDate, Minutes> {
  const out = new Map<LocalDate, Minutes>();
  const firstProbe = input.probe[0]?.start ?? Infinity;
  let probeIndex = 0;
  for (const day of days) {
    const end = Math.min(day.end, now);
    if (end <= day.start) {
      out.set(day.date, { ...NO_MINUTES });
      continue;
    }
    // Probe segments are sorted: skip those that ended before this day, collect the overlapping.
    while (probeIndex < input.probe.length && input.probe[probeIndex]!.end <= day.start)
      probeIndex++;
    const probe: Segment[] = [];
    for (let i = probeIndex; i < input.probe.length && input.probe[i]!.start < end; i++) {
      probe.push(input.probe[i]!);
    }
    const incidents = input.incidents.filter((s) => s.start < end && s.end > day.start);
    const maintenance = input.maintenance.filter((s) => s.start < end && s.end > day.start);
    const rollup = input.rollups.get(day.date);
    const span = { start: day.start, end };
    out.set(
      day.date,
      rollup && day.start < firstProbe
        ? fromRollup(rollup, span, incidents, maintenance)
        : sweep(span, probe, incidents, maintenance, input.observedFrom),
    );
  }
  return out;
}

/** Exact minutes by sweeping every boundary inside the span. */
function sweep(
  span: Span,
  probe: readonly Segment[],
  incidents: readonly Segment[],
  maintenance: readonly Span[],
  observedFrom: number | undefined,
): Minutes {
  const cuts = new Set<number>([span.start, span.end]);
  const clip = (t: number): void => {
    if (t > span.start && t < span.end) cuts.add(t);
  };
  for (const s of [...probe, ...incidents, ...maintenance]) {
    clip(s.start);
    clip(s.end);
  }
  if (observedFrom !== undefined) clip(observedFrom);
  const points = [...cuts].sort((a, b) => a - b);

  const ms = { observed: 0, degraded: 0, partial: 0, major: 0, maintenance: 0 };
  let p = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const length = b - a;
    if (maintenance.some((w) => w.start <= a && w.end >= b)) {
      ms.maintenance += length;
      continue;
    }
    while (p < probe.length && probe[p]!.end <= a) p++;
    const probeHere = probe[p] && probe[p]!.start <= a ? probe[p]!.status : undefined;
    let status: HealthStatus | undefined = probeHere;
    for (const s of incidents)
      if (s.start <= a && s.end >= b) status = worseStatus(status, s.status);
    const observed = status !== undefined || (observedFrom !== undefined && a >= observedFrom);
    if (!observed) continue;
    ms.observed += length;
    if (status === 'degraded_performance') ms.degraded += length;
    else if (status === 'partial_outage') ms.partial += length;
    else if (status === 'major_outage') ms.major += length;
  }
  return toMinutes(ms);
}

/**
 * A day known only by its probe rollup: the raw samples are gone, so overlap with incidents is
 * unknown. Each state takes the larger of the probe's and the incidents' minutes, which is never
 * kinder than either source alone; maintenance minutes are taken out of observed time.
 */
function fromRollup(
  rollup: Rollup,
  span: Span,
  incidents: readonly Segment[],
  maintenance: readonly Span[],
): Minutes {
  const fromIncidents = sweep(span, [], incidents, maintenance, undefined);
  const maint = fromIncidents.maintenance;
  // Probes usually see the trouble that maintenance causes: its minutes are taken out of the
  // probe's worst minutes first, then out of its good ones.
  let left = maint;
  const take = (minutes: number): number => {
    const taken = Math.min(minutes, left);
    left -= taken;
    return minutes - taken;
  };
  const probe = {
    major: take(rollup.major),
    partial: take(rollup.partial),
    degraded: take(rollup.degraded),
  };
  const observed = Math.max(0, Math.max(rollup.observed - maint, fromIncidents.observed));
  const major = Math.min(observed, Math.max(probe.major, fromIncidents.major));
  const partial = Math.min(observed - major, Math.max(probe.partial, fromIncidents.partial));
  const degraded = Math.min(
    observed - major - partial,
    Math.max(probe.degraded, fromIncidents.degraded),
  );
  return { observed, degraded, partial, major, maintenance: maint };
}

function toMinutes(ms: Minutes): Minutes {
  return {
    observed: ms.observed / MINUTE,
    degraded: ms.degraded / MINUTE,
    partial: ms.partial / MINUTE,
    major: ms.major / MINUTE,
    maintenance: ms.maintenance / MINUTE,
  };
}
