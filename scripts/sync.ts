/**
 * `npm run sync`: turns GitHub issues labelled `incident` into incident files.
 * Options and exit codes: src/lib/github/sync-cli.ts. The logic lives there; this only wires real I/O.
 */
import { syncMain } from '../src/lib/github/sync-cli.ts';

process.exitCode = await syncMain(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
