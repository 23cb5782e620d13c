/**
 * `npm run example`: writes the bundled example content (Forno Aurora) into a folder. The folder's
 * incidents/, maintenance/, templates/ and history/ are replaced; nothing else in it is touched. Options and
 * help: EXAMPLE_COMMAND below.
 */
import { readCommandLine, usageError, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { writeExample } from '../src/lib/example/write.ts';

/** The command line of `npm run example`. */
const EXAMPLE_COMMAND = {
  usage: ['npm run example -- [options]'],
  summary: [
    'Writes the example site (Forno Aurora, a bakery in Turin) into a content folder: its',
    'configuration, incidents, maintenance and a history of probe runs ending at --now.',
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      default: 'content',
      value: 'DIR',
      help: 'the folder to write (default: content)',
    },
    now: { type: 'string', value: 'ISO', help: 'when the history ends (default: the clock)' },
    seed: { type: 'string', value: 'N', help: 'seed of the generated history (a whole number)' },
  },
  examples: ['npm run example -- --out /tmp/example/content --now 2026-11-21T09:00:00Z --seed 7'],
  notes: ['Exit codes: 0 written; 2 bad usage.'],
} as const satisfies CommandSpec;

const io = processIo('example');
const line = readCommandLine(process.argv.slice(2), EXAMPLE_COMMAND, io);
if (!line.ok) process.exitCode = line.code;
else {
  const { values } = line;
  const now = values.now ? Date.parse(values.now) : Date.now();
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (Number.isNaN(now)) {
    process.exitCode = usageError(
      io,
      EXAMPLE_COMMAND,
      `--now "${values.now}" is not an ISO 8601 time`,
    );
  } else if (seed !== undefined && !Number.isSafeInteger(seed)) {
    process.exitCode = usageError(
      io,
      EXAMPLE_COMMAND,
      `--seed "${values.seed}" is not a whole number`,
    );
  } else {
    const count = writeExample({ out: values.out, now, ...(seed === undefined ? {} : { seed }) });
    console.log(
      `Wrote the example (${count} files) to ${values.out}/, history ending ${new Date(now).toISOString()}.`,
    );
  }
}
