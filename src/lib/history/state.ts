/**
 * A component's confirmed status: the one decision, and its record in `content/history/state.json`.
 *
 * A confirmed status changes only after `probe.confirm_down` (trouble) or `probe.confirm_up`
 * (recovery) consecutive runs agree, so one blip opens no incident and one lucky answer declares
 * no false recovery. The prober takes the decision as it records each run (it holds the counters)
 * and writes it here with the time it was taken; the site reads that decision back and never takes
 * it again from samples, which give the uptime bars and response times only.
 *
 * The file (JSON, components sorted by id so that diffs show only real changes):
 *
 *   { "version": 1,
 *     "components": { "<id>": { "confirmed": <status>, "since": <ISO 8601>,
 *                               "pending"?: <status>, "count": <runs>, "incident"?: <id> } } }
 */
import { z } from 'astro/zod';
import { HEALTH_STATUSES, severity, type HealthStatus } from '../status.ts';
import { fieldPath } from '../validation/friendly-errors.ts';

/** The state file's name inside `content/history/`. */
export const STATE_FILE = 'state.json';

/** How many consecutive runs must agree, by direction. */
export interface ConfirmPolicy {
  /** Runs needed to confirm trouble (any non-operational status). */
  confirmDown: number;
  /** Runs needed to confirm recovery. */
  confirmUp: number;
}

/** The confirmation policy of a configuration (`probe.confirm_down`, `probe.confirm_up`). */
export function confirmPolicy(probe: { confirm_down: number; confirm_up: number }): ConfirmPolicy {
  return { confirmDown: probe.confirm_down, confirmUp: probe.confirm_up };
}

const componentStateSchema = z.object({
  /** The confirmed status. */
  confirmed: z.enum(HEALTH_STATUSES),
  /** When it was confirmed (ISO 8601). */
  since: z.iso.datetime(),
  /** A different status seen in the latest runs, not yet confirmed. */
  pending: z.enum(HEALTH_STATUSES).optional(),
  /** Consecutive runs that saw `pending`. */
  count: z.number().int().min(0).default(0),
  /** The automatic incident opened for the current outage, by id. */
  incident: z.string().optional(),
});

/** The whole state file. */
export const stateSchema = z.object({
  version: z.literal(1),
  /** Each component's decision, by id. */
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

/**
 * Advances one component's state by one run's result. Before its first run a component is taken
 * as operational, since that run.
 */
export function advance(
  previous: ComponentState | undefined,
  observed: HealthStatus,
  at: number,
  policy: ConfirmPolicy,
): { state: ComponentState; change?: { from: HealthStatus; to: HealthStatus } } {
  // Most runs see the confirmed status again with nothing pending: nothing changes, and a year of
  // generated runs need not build a new state for each.
  if (previous?.confirmed === observed && previous.pending === undefined && previous.count === 0)
    return { state: previous };
  const base: ComponentState = previous ?? {
    confirmed: 'operational',
    since: new Date(at).toISOString(),
    count: 0,
  };
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

/**
 * The state after a component's runs (oldest first), advanced run by run as the prober records
 * them; undefined for no runs. Content generators use it to write the state their samples imply.
 */
export function replay(
  runs: Iterable<{ at: number; status: HealthStatus }>,
  policy: ConfirmPolicy,
): ComponentState | undefined {
  let state: ComponentState | undefined;
  for (const run of runs) state = advance(state, run.status, run.at, policy).state;
  return state;
}

/**
 * Reads the state file's text; empty text (no file yet) is an empty state. A file that is not a
 * valid state also gives an empty state, with the problem to report.
 */
export function parseState(text: string): { state: ProbeState; problem?: string } {
  if (!text) return { state: emptyState() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: emptyState(), problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = stateSchema.safeParse(value);
  if (parsed.success) return { state: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? `${fieldPath(issue.path)}: ` : '';
  return {
    state: emptyState(),
    problem: `not a valid state (${where}${issue?.message ?? 'invalid'})`,
  };
}

/** The state file's text: components sorted by id, so that its diffs show only real changes. */
export function formatState(state: ProbeState): string {
  const components = Object.fromEntries(
    Object.entries(state.components).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify({ version: 1, components }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The counters: what is confirmed, and what the latest runs saw that is not yet. */
interface Counters {
  confirmed: HealthStatus;
  pending?: HealthStatus | undefined;
  count: number;
}

/**
 * One run's result applied to the counters.
 * - The confirmed status seen again clears what was pending.
 * - Recovery needs `confirmUp` operational runs in a row.
 * - Trouble after operational needs `confirmDown` troubled runs in a row; they need not agree on
 *   how bad (a service alternating between partial and major outage is in trouble all the same),
 *   and the least severe status among them is confirmed.
 * - From one kind of trouble to another needs `confirmDown` runs of the new status.
 */
function step(
  state: Counters,
  observed: HealthStatus,
  policy: ConfirmPolicy,
): { state: Counters; changed: boolean } {
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
