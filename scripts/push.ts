/**
 * `npm run push`: pushes through the one writer (src/lib/git/push-cli.ts). The logic lives there;
 * this only wires real I/O.
 */
import { pushMain } from '../src/lib/git/push-cli.ts';

process.exitCode = await pushMain(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
