/**
 * The context a check runner gets, for tests: the default probe policy from the real schema, a
 * fresh deadline signal, and the real clock unless a test pins one.
 */
import { probeSchema } from '../../../src/lib/config/schema.ts';
import type { CheckContext, Phases } from '../../../src/lib/measure/types.ts';
import { createScrubber } from '../../../src/lib/secrets/scrub.ts';

/** Options of `probeContext`; every field has a default. */
export interface ProbeContextOptions {
  /** The hard deadline in ms (default 1000). */
  timeoutMs?: number;
  /** Extra trusted CAs (PEM). */
  ca?: string[];
  now?: () => number;
  /** Probe policy fields, as in `heliograph.yaml`'s `probe:` section. */
  policy?: Record<string, unknown>;
  /** Secret values the runner must scrub from what it quotes. */
  secrets?: string[];
}

/** A context whose signal aborts after `timeoutMs`, as the engine gives one check. */
export function probeContext(options: ProbeContextOptions = {}): CheckContext {
  const timeoutMs = options.timeoutMs ?? 1000;
  return {
    signal: AbortSignal.timeout(timeoutMs),
    timeoutMs,
    policy: probeSchema.parse(options.policy ?? {}),
    now: options.now ?? Date.now,
    ca: options.ca,
    scrub: createScrubber(options.secrets ?? []),
  };
}

/** The phases reached, in the order they must have happened (DNS, connect, TLS, first byte, total). */
export function reachedPhases(phases: Phases): number[] {
  return [phases.dns, phases.connect, phases.tls, phases.firstByte, phases.total].filter(
    (ms) => ms !== undefined,
  );
}
