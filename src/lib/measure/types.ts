/**
 * The prober's vocabulary: what a check run reports and how a check runner is called. Check
 * runners live one per file in `checks/`; the engine (`run.ts`) only sees these types.
 */
import type { Check, ProbePolicy } from '../config/schema.ts';
import type { Scrubber } from '../secrets/scrub.ts';
import type { HealthStatus } from '../status.ts';

/** Milliseconds from the start of an attempt to each phase it reached. */
export interface Phases {
  dns?: number;
  connect?: number;
  tls?: number;
  firstByte?: number;
  total: number;
}

/** What one check saw (after retries). */
export interface CheckResult {
  status: HealthStatus;
  /** One line for people when the status is not operational ("expected 200, got 503"). */
  reason?: string | undefined;
  phases: Phases;
  /** Attempts made, retries included. */
  attempts: number;
}

/** What a runner gets besides its check. */
export interface CheckContext {
  /**
   * Aborts at the check's hard deadline, which covers every attempt (retries, bodies and all): an
   * attempt has what is left of it.
   */
  signal: AbortSignal;
  /** The check's deadline in ms, for reasons such as "timeout after 5 s …". */
  timeoutMs: number;
  /**
   * Masks the check's secrets in a text. Runners pass what they quote (a JSON value, a name from a
   * response, a configured string) through it before cutting it, since a cut secret no longer
   * matches.
   */
  scrub: Scrubber;
  policy: ProbePolicy;
  /** The clock (certificate days left are counted from it). */
  now: () => number;
  /** Extra trusted certificate authorities (PEM), besides the system's; tests pass their own. */
  ca?: string[] | undefined;
}

/** One attempt of one check. Never throws for a failing service: failure is a result. */
export type CheckRunner<C extends Check = Check> = (
  check: C,
  ctx: CheckContext,
) => Promise<Omit<CheckResult, 'attempts'>>;
