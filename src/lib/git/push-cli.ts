/**
 * `npm run push`: the one writer's command. The workflows push through it (after their own
 * commit, or with `--commit` to let it commit the content folder). Options, help and exit codes:
 * PUSH_COMMAND below.
 */
import { posix, relative, resolve, sep } from 'node:path';
import {
  CONTENT_OPTION,
  readCommandLine,
  usageError,
  type CommandSpec,
} from '../cli/command-line.ts';
import { commitIdentity, commitPaths } from './commit.ts';
import { gitIn } from './git.ts';
import { PUSH_RETRY, PushError, pushWithRetry } from './push.ts';

/** The exit codes of `npm run push`, so that a workflow can tell a stop from a late network. */
export const PUSH_EXIT = {
  /** Pushed, or nothing to push. */
  pushed: 0,
  /** A file changed on both sides that no rule merges (or whose merge would not read), or git failed otherwise: a person must look. */
  conflict: 1,
  usage: 2,
  /** The remote could not be reached; the commits stay here for the next push. */
  unreachable: 3,
  /** The remote kept refusing the push (others kept pushing first, or a rule of the remote). */
  refused: 4,
} as const;

export interface PushDeps {
  /** The folder it runs in (inside the repository). */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Runs the command; resolves to the exit code. */
export async function pushMain(argv: readonly string[], deps: PushDeps): Promise<number> {
  const io = { ...deps, name: 'push' };
  const line = readCommandLine(argv, PUSH_COMMAND, io);
  if (!line.ok) return line.code;
  const { values } = line;
  const attempts = Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 1) {
    return usageError(
      io,
      PUSH_COMMAND,
      `--attempts "${values.attempts}": expected a whole number above 0`,
    );
  }
  try {
    const root = (await gitIn(deps.cwd)(['rev-parse', '--show-toplevel'])).trim();
    const content = relative(root, resolve(deps.cwd, values.content)).split(sep).join(posix.sep);
    const given = { name: values['commit-name'], email: values['commit-email'] };
    const identity = await commitIdentity(gitIn(root), given);
    const git = gitIn(root, { identity });
    if (values.commit !== undefined) {
      const committed = await commitPaths(git, [content || '.'], values.commit);
      deps.stdout(committed ? `committed ${content || '.'}\n` : 'nothing to commit\n');
    }
    const result = await pushWithRetry({
      git,
      root,
      content,
      remote: values.remote,
      branch: values.branch,
      attempts,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      log: (text) => deps.stdout(`${text}\n`),
    });
    deps.stdout(`pushed after ${result.attempts} attempt(s)\n`);
    return PUSH_EXIT.pushed;
  } catch (error) {
    deps.stderr(`push: ${describe(error)}\n`);
    if (error instanceof PushError)
      return error.kind === 'network' ? PUSH_EXIT.unreachable : PUSH_EXIT.refused;
    return PUSH_EXIT.conflict;
  }
}

/** An error's message, with its cause's when it has one. */
function describe(error: unknown): string {
  const { message, cause } = error as Error;
  return cause instanceof Error ? `${message}\n  ${cause.message}` : message;
}

/** Where and as whom a push goes; `npm run probe` takes the same options for its pushes. */
export const PUSH_OPTIONS = {
  remote: {
    type: 'string',
    default: 'origin',
    value: 'NAME',
    help: 'the remote (default: origin)',
  },
  branch: { type: 'string', default: 'main', value: 'NAME', help: 'the branch (default: main)' },
  attempts: {
    type: 'string',
    default: String(PUSH_RETRY.attempts),
    value: 'N',
    help: `pushes to try before giving up (default: ${PUSH_RETRY.attempts})`,
  },
  'commit-name': {
    type: 'string',
    value: 'NAME',
    help: "the committer's name (default: git's user.name, else heliograph[bot])",
  },
  'commit-email': {
    type: 'string',
    value: 'EMAIL',
    help: "the committer's e-mail address (default: git's user.email, else the bot's)",
  },
} as const satisfies CommandSpec['options'];

/** The command line of `npm run push`. */
const PUSH_COMMAND = {
  usage: ['npm run push -- [options]'],
  summary: [
    'Pushes the current branch; when someone pushed first, fetches, rebases merging content by',
    'meaning (incidents by update, the probe state reconciled, history lines united) and tries',
    'again. Every job that pushes to the branch goes through it, so no change is ever dropped.',
  ].join('\n'),
  options: {
    content: CONTENT_OPTION,
    ...PUSH_OPTIONS,
    commit: {
      type: 'string',
      value: 'MESSAGE',
      help: 'first commit the changes in the content folder with this message (none: skipped)',
    },
  },
  examples: [
    'npm run push',
    'npm run push -- --commit "incidents: sync from issue #12" --attempts 8',
  ],
  notes: [
    'Exit codes: 0 pushed (or nothing to push); 1 a conflict no rule merges, or git failed',
    'otherwise: a person must look; 2 bad usage; 3 the remote cannot be reached (the commits stay',
    'here for the next push); 4 the remote kept refusing the push.',
  ],
} as const satisfies CommandSpec;
