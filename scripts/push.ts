/**
 * `npm run push`: pushes the workflow's commit, rebasing on what others pushed first
 * (src/lib/git/push.ts). Used by the workflows. Options and help: PUSH_COMMAND below.
 */
import { readCommandLine, usageError, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { gitIn, pushWithRetry } from '../src/lib/git/push.ts';

/** The command line of `npm run push`. */
const PUSH_COMMAND = {
  usage: ['npm run push -- [options]'],
  summary: [
    "Pushes the current branch's commits; when someone pushed first, fetches, rebases (history",
    'files merge line by line) and tries again. The workflows push through it, so no run is lost.',
  ].join('\n'),
  options: {
    remote: {
      type: 'string',
      default: 'origin',
      value: 'NAME',
      help: 'the remote (default: origin)',
    },
    branch: { type: 'string', default: 'main', value: 'NAME', help: 'the branch (default: main)' },
    attempts: {
      type: 'string',
      default: '5',
      value: 'N',
      help: 'pushes to try before giving up (default: 5)',
    },
  },
  examples: ['npm run push -- --attempts 3'],
  notes: ['Exit codes: 0 pushed; 1 not pushed (every attempt failed, or git did); 2 bad usage.'],
} as const satisfies CommandSpec;

const io = processIo('push');
const line = readCommandLine(process.argv.slice(2), PUSH_COMMAND, io);
const attempts = line.ok ? Number(line.values.attempts) : 0;
if (!line.ok) process.exitCode = line.code;
else if (!Number.isInteger(attempts) || attempts < 1) {
  process.exitCode = usageError(
    io,
    PUSH_COMMAND,
    `--attempts "${line.values.attempts}": expected a whole number above 0`,
  );
} else {
  try {
    const result = await pushWithRetry({
      git: gitIn(process.cwd()),
      remote: line.values.remote,
      branch: line.values.branch,
      attempts,
      log: (text) => console.log(text),
    });
    console.log(
      `pushed after ${result.attempts} attempt(s)${result.resolved.length ? `; resolved ${result.resolved.join(', ')}` : ''}`,
    );
  } catch (error) {
    console.error(
      `${(error as Error).message}: ${((error as Error).cause as Error | undefined)?.message ?? ''}`,
    );
    process.exitCode = 1;
  }
}
