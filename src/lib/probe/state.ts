/**
 * Confirmation across runs, with its counters kept in `content/history/state.json`: a component's
 * confirmed status changes only after `confirm_down` (or `confirm_up`, for recovery) consecutive
 * runs agree — the same rule the site applies to samples (`src/lib/confirm.ts`).
 */
import { z } from 'astro/zod';
import { HEALTH_STATUSES, type HealthStatus } from '../status.ts';
import type { ConfirmPolicy } from '../confirm.ts';

const componentStateSchema = z.object({
  /** The confirmed status. */
  confirmed: z.enum(HEALTH_STATUSES),
  /** When it was confirmed (ISO 8601). */
  since: z.string(),
  /** A different status seen in the latest runs, not yet confirmed. */
  pending: z.enum(HEALTH_STATUSES).optional(),
  /** Consecutive runs that saw `pending`. */
  count: z.number().int().min(0).default(0),
  /** The automatic incident opened for the current outage, by id. */
  incident: z.string().optional(),
});

export const stateSchema = z.object({
  version: z.literal(1),
  components: z.record(z.string(), componentStateSchema),
});

export type ComponentState = z.output<typeof componentStateSchema>;
export type ProbeState = z.output<typeof stateSchema>;

/** A confirmed change of a component's status. */
export interface StatusChange {
  component: string;
  from: HealthStatus;
  to: HealthStatus;
  at: number;
}

/** An empty state: every component is taken as operational until runs say otherwise. */
export function emptyState(): ProbeState {
  return { version: 1, components: {} };
}

/** Advances one component's state by one run's result. */
export function advance(
  previous: ComponentState | undefined,
  observed: HealthStatus,
  at: number,
  policy: ConfirmPolicy,
): { state: ComponentState; change?: { from: HealthStatus; to: HealthStatus } } {
  const base: ComponentState = previous ?? { confirmed: 'operational', since: new Date(at).toISOString(), count: 0 };
  if (observed === base.confirmed) {
    const { pending: _pending, ...rest } = base;
    return { state: { ...rest, count: 0 } };
  }
  const count = base.pending === observed ? base.count + 1 : 1;
  const needed = observed === 'operational' ? policy.confirmUp : policy.confirmDown;
  if (count >= needed) {
    const { pending: _pending, ...rest } = base;
    return {
      state: { ...rest, confirmed: observed, since: new Date(at).toISOString(), count: 0 },
      change: { from: base.confirmed, to: observed },
    };
  }
  return { state: { ...base, pending: observed, count } };
}
