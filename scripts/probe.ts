/**
 * `npm run probe`: runs every check in content/heliograph.yaml and records what it saw.
 * Options and exit codes: src/lib/probe/cli.ts. The logic lives there; this only wires real I/O.
 *
 * In loop mode (`--every N`) the first SIGTERM or SIGINT asks the loop to stop after the run
 * under way (its write and commit finish; exit 0); a second one ends the process at once. A
 * single run keeps the usual meaning of both signals.
 */
import { runCheck } from '../src/lib/measure/checks/index.ts';
import { probeMain } from '../src/lib/probe/cli.ts';

const argv = process.argv.slice(2);
const stop = new AbortController();
if (argv.some((arg) => arg === '--every' || arg.startsWith('--every='))) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stop.signal.aborted) process.exit(130);
      process.stderr.write(`probe: ${signal}: stopping after the run under way\n`);
      stop.abort();
    });
  }
}

process.exitCode = await probeMain(argv, {
  env: process.env,
  now: () => Date.now(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  runner: runCheck,
  isTTY: process.stderr.isTTY,
  stop: stop.signal,
});
