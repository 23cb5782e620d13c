/**
 * The stopwatch of one attempt: each phase is the time in ms from the start of the attempt to the
 * moment it was reached. It uses the monotonic `performance.now()`, not the wall clock that
 * `CheckContext.now` provides, so that a clock step during a probe cannot yield negative phases.
 */
import type { Socket } from 'node:net';
import type { Phases } from '../types.ts';

/** A phase that may or may not be reached (everything but `total`). */
export type PhaseName = Exclude<keyof Phases, 'total'>;

/** Marks phases as they are reached and reports them with the total. */
export interface PhaseClock {
  /** Records that a phase was reached now. */
  mark(phase: PhaseName): void;
  /** Drops the phases reached so far (a new connection starts after a redirect). */
  forget(): void;
  /** Milliseconds since the start. */
  elapsed(): number;
  /** The phases reached so far, with `total` set to now. */
  read(): Phases;
}

/** Starts the stopwatch of an attempt. */
export function startPhases(): PhaseClock {
  const start = performance.now();
  let reached: Partial<Record<PhaseName, number>> = {};
  const elapsed = (): number => Math.round(performance.now() - start);
  return {
    mark(phase) {
      reached[phase] = elapsed();
    },
    forget() {
      reached = {};
    },
    elapsed,
    read() {
      return { ...reached, total: elapsed() };
    },
  };
}

/**
 * Marks `dns` and `connect` as a socket reaches them (a successful lookup, then the connection),
 * calling `reached` so that the runner knows which stage a timeout interrupted.
 */
export function watchConnection(
  socket: Socket,
  clock: PhaseClock,
  reached: (phase: 'dns' | 'connect') => void,
): void {
  socket.on('lookup', (error: Error | null) => {
    if (error !== null) return;
    clock.mark('dns');
    reached('dns');
  });
  socket.on('connect', () => {
    clock.mark('connect');
    reached('connect');
  });
}
