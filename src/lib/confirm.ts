/**
 * Confirmation across runs: a component changes state only after N consecutive runs agree, so
 * one blip opens no incident and one lucky answer declares no false recovery.
 */
import type { HealthStatus } from './status.ts';

/** How many consecutive runs must agree, by direction. */
export interface ConfirmPolicy {
  /** Runs needed to confirm any non-operational status. */
  confirmDown: number;
  /** Runs needed to confirm operational. */
  confirmUp: number;
}

/**
 * The confirmed status after a series of run results (oldest first): the newest status that was
 * seen in enough consecutive runs. With too little history to confirm anything, the first status.
 */
export function confirmedStatus(
  results: readonly HealthStatus[],
  policy: ConfirmPolicy,
): HealthStatus | undefined {
  let i = results.length - 1;
  while (i >= 0) {
    const status = results[i]!;
    let run = 1;
    while (i - run >= 0 && results[i - run] === status) run++;
    const needed = status === 'operational' ? policy.confirmUp : policy.confirmDown;
    if (run >= needed) return status;
    i -= run;
  }
  return results[0];
}
