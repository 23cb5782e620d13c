/**
 * The loop mode's cadence (`npm run probe -- --every 60`): a run at every multiple of the
 * interval on the wall clock, so runs do not drift however long each takes, never two at once,
 * and a stop (SIGTERM, SIGINT) honoured between runs only, so the run under way finishes its
 * write and its commit first. The clock and the wait are passed in, so tests need not wait.
 */

export interface LoopOptions {
  /** The interval, in milliseconds. */
  everyMs: number;
  now: () => number;
  /** Waits; rejects when the signal is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborted by a stop request: the loop ends after the run under way. */
  signal: AbortSignal;
  /** One run, given the instant of its slot. */
  run: (slot: number) => Promise<void>;
  log: (line: string) => void;
  /** Ends after this many runs (tests); no bound by default. */
  maxRuns?: number;
}

/** The first instant after `now` that is a multiple of the interval. */
export function nextSlot(now: number, everyMs: number): number {
  return (Math.floor(now / everyMs) + 1) * everyMs;
}

/** Runs at every slot until stopped; resolves with the number of runs. */
export async function runEvery(options: LoopOptions): Promise<number> {
  const { everyMs, now, signal } = options;
  let runs = 0;
  // The first run waits for the first slot too: a restart just after a run does not measure
  // twice within seconds, which would count twice towards confirming an outage.
  let slot = nextSlot(now(), everyMs);
  while (runs < (options.maxRuns ?? Infinity)) {
    try {
      await options.sleep(Math.max(0, slot - now()), signal);
    } catch {
      break; // stopped while waiting
    }
    if (signal.aborted) break;
    await options.run(slot);
    runs++;
    if (signal.aborted) break;
    const next = nextSlot(now(), everyMs);
    const missed = Math.round((next - slot) / everyMs) - 1;
    if (missed > 0)
      options.log(`the run took longer than the interval; ${missed} slot(s) skipped, none overlap`);
    slot = next;
  }
  return runs;
}
