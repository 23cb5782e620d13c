/**
 * Confirmation across runs: a component changes state only after N consecutive runs agree, so
 * one blip opens no incident and one lucky answer declares no false recovery. The prober keeps
 * these counters in its state file; the site folds the same `step` over the latest samples.
 */
import { severity, type HealthStatus } from './status.ts';

/** How many consecutive runs must agree, by direction. */
export interface ConfirmPolicy {
  /** Runs needed to confirm trouble (any non-operational status). */
  confirmDown: number;
  /** Runs needed to confirm recovery. */
  confirmUp: number;
}

/** The counters: what is confirmed, and what the latest runs saw that is not yet. */
export interface ConfirmState {
  confirmed: HealthStatus;
  pending?: HealthStatus | undefined;
  count: number;
}

/** Before any run, a component is taken as operational. */
export const INITIAL: ConfirmState = Object.freeze({ confirmed: 'operational', count: 0 });

/**
 * One run's result applied to the counters.
 * - The confirmed status seen again clears what was pending.
 * - Recovery needs `confirmUp` operational runs in a row.
 * - Trouble after operational needs `confirmDown` troubled runs in a row; they need not agree on
 *   how bad (a service alternating between partial and major outage is in trouble all the same),
 *   and the least severe status among them is confirmed.
 * - From one kind of trouble to another needs `confirmDown` runs of the new status.
 */
export function step(
  state: ConfirmState,
  observed: HealthStatus,
  policy: ConfirmPolicy,
): { state: ConfirmState; changed: boolean } {
  if (observed === state.confirmed)
    return { state: { confirmed: observed, count: 0 }, changed: false };
  let pending: HealthStatus;
  let count: number;
  if (observed === 'operational') {
    pending = observed;
    count = state.pending === 'operational' ? state.count + 1 : 1;
  } else if (state.confirmed === 'operational') {
    const streak = state.pending !== undefined && state.pending !== 'operational';
    pending = streak && severity(state.pending!) < severity(observed) ? state.pending! : observed;
    count = streak ? state.count + 1 : 1;
  } else {
    pending = observed;
    count = state.pending === observed ? state.count + 1 : 1;
  }
  const needed = pending === 'operational' ? policy.confirmUp : policy.confirmDown;
  if (count >= needed) return { state: { confirmed: pending, count: 0 }, changed: true };
  return { state: { confirmed: state.confirmed, pending, count }, changed: false };
}

/** The confirmed status after a series of run results (oldest first); undefined for none. */
export function confirmedStatus(
  results: readonly HealthStatus[],
  policy: ConfirmPolicy,
): HealthStatus | undefined {
  if (results.length === 0) return undefined;
  let state = INITIAL;
  for (const r of results) state = step(state, r, policy).state;
  return state.confirmed;
}
