/**
 * Running git, and reading what its failures mean. The push path and the probe loop talk to git
 * through a `Git` function, so tests can put a real repository (or a failing one) behind it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in a repository; resolves with stdout, rejects with a GitError. */
export type Git = (args: readonly string[]) => Promise<string>;

/** Who commits: the name and e-mail address written into commits. */
export interface CommitIdentity {
  name: string;
  email: string;
}

/** A git command that failed, with what it said. */
export class GitError extends Error {
  /** What git wrote on stderr (or the error's message when it did not start). */
  readonly stderr: string;
  /** What git wrote on stdout (some refusals, like "nothing to commit", are said there). */
  readonly stdout: string;
  /** Its exit code; undefined when it did not start or was killed. */
  readonly code: number | undefined;
  constructor(
    args: readonly string[],
    output: { stderr: string; stdout: string; code: number | undefined },
    options?: ErrorOptions,
  ) {
    super(`git ${args.join(' ')}: ${output.stderr || output.stdout.trim()}`, options);
    this.name = 'GitError';
    this.stderr = output.stderr;
    this.stdout = output.stdout;
    this.code = output.code;
  }
}

/**
 * Git speaks English to the push path whatever the machine's language, so that its words can be
 * read (`FAILURE_PATTERNS`, "nothing to commit").
 */
const ENGLISH = { LC_ALL: 'C', LANGUAGE: '' };

/**
 * A Git runner for a working folder, through the git CLI. With an identity, commits made through
 * it (including those a rebase rewrites) carry that name and address, whatever git's own
 * configuration says.
 */
export function gitIn(cwd: string, options: { identity?: CommitIdentity | undefined } = {}): Git {
  const identity = options.identity
    ? ['-c', `user.name=${options.identity.name}`, '-c', `user.email=${options.identity.email}`]
    : [];
  return async (args) => {
    try {
      const { stdout } = await run('git', [...identity, ...args], {
        cwd,
        env: { ...process.env, ...ENGLISH },
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; code?: unknown; message: string };
      const output = {
        stderr: (e.stderr || (e.stdout ? '' : e.message)).trim(),
        stdout: e.stdout ?? '',
        code: typeof e.code === 'number' ? e.code : undefined,
      };
      throw new GitError(args, output, { cause: error });
    }
  };
}

/**
 * What a failed fetch or push says, read from git's words (they are stable across versions and
 * transports). Each pattern is here for the reason beside it.
 */
export const FAILURE_PATTERNS = {
  /** The remote has commits this side has not: fetch, rebase and push again. */
  rejected: [
    /\[rejected\]/, // the ref line of a refused non-fast-forward push
    /non-fast-forward/,
    /fetch first/,
    /Updates were rejected/,
    /\[remote rejected\]/, // a hook or a branch rule refused this push; it may take the next
    /pre-receive hook declined/,
  ],
  /** The remote could not be reached: the commits stay here until the network comes back. */
  network: [
    /Could not resolve host/i,
    /Failed to connect/i,
    /Connection (refused|timed out|reset)/i,
    /Operation timed out/i,
    /Network is unreachable/i,
    /unable to access/i, // https: any transport failure
    /The remote end hung up unexpectedly/i,
    /early EOF/i,
    /RPC failed/i,
    /Could not read from remote repository/i, // ssh, or a local remote that is gone
    /does not appear to be a git repository/i,
  ],
} as const;

/** What a failure of fetch or push was: refused as stale, the network, or something else. */
export type FailureKind = 'rejected' | 'network' | 'other';

/** Reads a failed git command's words into a FailureKind. */
export function failureKind(error: unknown): FailureKind {
  const text =
    error instanceof GitError
      ? `${error.stderr}\n${error.stdout}`
      : String((error as Error).message);
  if (FAILURE_PATTERNS.rejected.some((p) => p.test(text))) return 'rejected';
  if (FAILURE_PATTERNS.network.some((p) => p.test(text))) return 'network';
  return 'other';
}

/** What git said about a failure, in one line: its most telling one. */
export function gitSaid(error: unknown): string {
  const text =
    error instanceof GitError ? error.stderr || error.stdout : String((error as Error).message);
  const lines = text.split('\n').map((l) => l.replace(/^(remote|error|fatal|hint): /, '').trim());
  const telling = lines.find((l) => /declined|rejected|refused|unable|could not|cannot/i.test(l));
  return telling ?? lines.find(Boolean) ?? 'no reason given';
}
