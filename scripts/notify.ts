/**
 * `npm run notify`: sends each new incident update and maintenance start to the targets under
 * `notifications` in content/heliograph.yaml, once (the record: content/history/notifications.tsv).
 * Options and exit codes: src/lib/notify/cli.ts. The logic lives there; this only wires real I/O.
 */
import { notifyMain } from '../src/lib/notify/cli.ts';

process.exitCode = await notifyMain(process.argv.slice(2), {
  env: process.env,
  now: () => Date.now(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
