/**
 * `npm run probe`: runs every check in content/heliograph.yaml and records what it saw.
 * Options and exit codes: src/lib/probe/cli.ts. The logic lives there; this only wires real I/O.
 */
import { runCheck } from '../src/lib/measure/checks/index.ts';
import { probeMain } from '../src/lib/probe/cli.ts';

process.exitCode = await probeMain(process.argv.slice(2), {
  env: process.env,
  now: () => Date.now(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  runner: runCheck,
  isTTY: process.stderr.isTTY,
});
