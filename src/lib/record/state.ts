/**
 * Confirmation across runs, with its counters kept in `content/history/state.json`: a component's
 * confirmed status changes only after `confirm_down` (or `confirm_up`, for recovery) consecutive
 * runs agree — the rule of `src/lib/confirm.ts`, which the site also applies to samples.
 */
import { z } from 'astro/zod';
import { HEALTH_STATUSES, type HealthStatus } from '../status.ts';
import { INITIAL, step, type ConfirmPolicy } from '../confirm.ts';

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

/** Advances one component's state by one run's result, by the rule in `confirm.ts`. */
export function advance(
  previous: ComponentState | undefined,
  observed: HealthStatus,
  at: number,
  policy: ConfirmPolicy,
): { state: ComponentState; change?: { from: HealthStatus; to: HealthStatus } } {
  const base: ComponentState = previous ?? { ...INITIAL, since: new Date(at).toISOString() };
  const { state, changed } = step(base, observed, policy);
  const next: ComponentState = {
    confirmed: state.confirmed,
    since: changed ? new Date(at).toISOString() : base.since,
    count: state.count,
    ...(state.pending !== undefined ? { pending: state.pending } : {}),
    ...(base.incident !== undefined ? { incident: base.incident } : {}),
  };
  return changed
    ? { state: next, change: { from: base.confirmed, to: state.confirmed } }
    : { state: next };
}
