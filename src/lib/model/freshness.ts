/**
 * Honest freshness: when the checks stop (the scheduled job disabled, GitHub's cron hours late, a
 * copy of the site no longer rebuilt), the page must say since when instead of showing old news as
 * current. The rule is decided here once, for the page, its share image, the API and the browser
 * script that keeps a stale copy honest (which reads the limit this module computes).
 *
 * Rule: a site with checks is stale when its newest sample is older than `probe.stale_after_minutes`,
 * by default `STALE_AFTER_INTERVALS` probe intervals. Exactly at the limit it is still fresh. A site
 * that has no sample yet is not stale — no check has run, which the page says in other words — and
 * a site without checks (statuses set by editors only) never is.
 */
import type { ProbePolicy } from '../config/schema.ts';
import { MINUTE } from '../time.ts';

/**
 * Probe intervals without a new sample before the page says checks are delayed. One missed run is
 * routine (a scheduled job starts late or a push races another); three in a row means the checks
 * have stopped, while a visitor still learns of it within a quarter of an hour at the default
 * five-minute interval.
 */
export const STALE_AFTER_INTERVALS = 3;

/** How fresh the site's data is at the instant the model describes. */
export interface Freshness {
  /** The newest sample of any check, if any ran. */
  lastSample: number | undefined;
  /** How old the newest sample may be before the data is stale, in milliseconds. */
  staleAfterMs: number;
  /** The newest sample is older than `staleAfterMs` (never without checks or samples). */
  stale: boolean;
}

/** The age past which a sample is stale, from the probe policy. */
export function staleAfterMs(
  policy: Pick<ProbePolicy, 'interval_minutes' | 'stale_after_minutes'>,
): number {
  return (policy.stale_after_minutes ?? STALE_AFTER_INTERVALS * policy.interval_minutes) * MINUTE;
}

/** Whether a sample taken at `at` is stale at `now` under the policy. */
export function isStale(at: number, now: number, limitMs: number): boolean {
  return now - at > limitMs;
}

/** The site's freshness: its newest sample against the policy's limit. */
export function freshness(options: {
  lastSample: number | undefined;
  now: number;
  policy: Pick<ProbePolicy, 'interval_minutes' | 'stale_after_minutes'>;
  /** Some component has checks (else nothing is ever sampled, and nothing is late). */
  hasChecks: boolean;
}): Freshness {
  const limit = staleAfterMs(options.policy);
  const { lastSample } = options;
  return {
    lastSample,
    staleAfterMs: limit,
    stale: options.hasChecks && lastSample !== undefined && isStale(lastSample, options.now, limit),
  };
}
