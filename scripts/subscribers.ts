/**
 * `npm run subscribers -- <command>`: the e-mail subscription service (`serve`) and the commands
 * that export, import and erase its list. Options and exit codes: src/lib/subscribers/cli.ts. The
 * logic lives there; this only wires real I/O.
 */
import { subscribersMain } from '../src/lib/subscribers/cli.ts';

process.exitCode = await subscribersMain(process.argv.slice(2), {
  env: process.env,
  now: () => Date.now(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stopSignal: () =>
    new Promise<string>((resolve) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const)
        process.once(signal, () => resolve(signal));
    }),
});
