/**
 * A test seam in the write phase. Every step that changes a file of `content/` calls `writePoint`
 * (a temporary file written, a rename done, a file removed). With `HELIOGRAPH_STOP_AT_WRITE=N` in
 * the environment, the process stops at its Nth write point: it says so on stderr
 * (`heliograph: stopped at write point N (renamed …/state.json)`) and blocks, timers and sockets
 * included, until it is killed. The SIGKILL test kills a run at each point in turn, so that every
 * step of the write phase is covered whatever the speed of the machine.
 *
 * The variable is read here, at the file-system edge, rather than passed in: the writes sit deep
 * in the recorder and the automatic issues, and a seam threaded through every caller for the sake
 * of one test would cost more than it proves. Unset, a write point costs one comparison.
 */
import { writeSync } from 'node:fs';

/** The environment variable that names the write point to stop at (1 is the first). */
export const STOP_AT_WRITE = 'HELIOGRAPH_STOP_AT_WRITE';

/**
 * How long a stopped process waits to be killed before it exits (code 70) on its own, so that a
 * test that died leaves nothing running for long.
 */
const MAX_WAIT_MS = 60_000;

let stopAt: number | undefined;
let read = false;
let count = 0;

/** Marks one step of the write phase: `what` was done to `path` (`temp written`, `renamed`…). */
export function writePoint(what: string, path: string): void {
  if (!read) {
    read = true;
    const raw = process.env[STOP_AT_WRITE];
    stopAt = raw !== undefined && /^[1-9]\d*$/.test(raw) ? Number(raw) : undefined;
  }
  if (stopAt === undefined || ++count !== stopAt) return;
  // Synchronous writes and wait: nothing else may run between the point and the kill.
  writeSync(2, `heliograph: stopped at write point ${count} (${what} ${path})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, MAX_WAIT_MS);
  writeSync(
    2,
    `heliograph: not killed within ${MAX_WAIT_MS / 1000} s at the write point; exiting\n`,
  );
  process.exit(70);
}
