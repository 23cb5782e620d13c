/**
 * Two probers' versions of `state.json` merged component by component, three-way with the
 * version both started from. This only settles the counters; the push path then reconciles the
 * result with the merged incident files (`record/reconcile.ts`), so that no automatic incident
 * is forgotten whichever side opened or resolved it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ThreeWay } from '../three-way.ts';
import type { ComponentState, ProbeState } from './state.ts';

/** The rule for a component whose state both sides changed, and why. */
export const STATE_BOTH_CHANGED: { keep: 'local' | 'upstream'; why: string } = {
  keep: 'local',
  why: 'the run being pushed counted from the samples it saw; either side is a valid state, and the next runs correct the counters',
};

/**
 * The merged state: a component changed on one side takes that side's state; changed on both,
 * `STATE_BOTH_CHANGED`; a component either side added is kept (the prober never removes one).
 */
export function mergeStates(sides: ThreeWay<ProbeState>): ProbeState {
  const base = sides.base?.components ?? {};
  const upstream = sides.upstream.components;
  const local = sides.local.components;
  const components: Record<string, ComponentState> = {};
  for (const id of new Set([...Object.keys(upstream), ...Object.keys(local)])) {
    const [b, u, l] = [base[id], upstream[id], local[id]];
    const localChanged = l !== undefined && !isDeepStrictEqual(b, l);
    const upstreamChanged = u !== undefined && !isDeepStrictEqual(b, u);
    const chosen =
      localChanged && upstreamChanged
        ? { local: l, upstream: u }[STATE_BOTH_CHANGED.keep]
        : localChanged
          ? l
          : (u ?? l);
    if (chosen) components[id] = chosen;
  }
  return { version: 1, components };
}
