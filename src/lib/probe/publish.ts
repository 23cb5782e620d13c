/**
 * A recorded run sent out: one commit of the content folder, then a push through the one writer
 * (`git/push.ts`). A push that fails (no network, a remote that refuses, a conflict a person
 * must merge) leaves the commit here; the next push takes it along, so a run's data is never
 * lost and, since each commit is pushed once, never written twice.
 */
import { posix, relative, resolve, sep } from 'node:path';
import { commitIdentity, commitPaths } from '../git/commit.ts';
import { gitIn, gitSaid } from '../git/git.ts';
import { pushWithRetry } from '../git/push.ts';

/** Where and how a run is committed and pushed. */
export interface PublishOptions {
  /** The folder the command runs in (inside the repository). */
  cwd: string;
  /** The content folder, as given on the command line. */
  content: string;
  /** The commit message. */
  message: string;
  /** Push after committing; otherwise commit only. */
  push: boolean;
  remote: string;
  branch: string;
  attempts: number;
  identity: { name?: string | undefined; email?: string | undefined };
  /** A stop request: no push is started after it (the commit is made all the same). */
  signal?: AbortSignal | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  now: () => number;
  log: (line: string) => void;
}

/**
 * What became of a run: pushed (with any earlier commits waiting here); committed here without a
 * push (none asked, or a stop came first); nothing to commit and no push asked; or a push that
 * failed, the commits staying here.
 */
export type Published = 'pushed' | 'committed' | 'unchanged' | 'not-pushed';

/** Commits the content folder and pushes; a failed push is logged and leaves the commit here. */
export async function publishRun(options: PublishOptions): Promise<Published> {
  const { log } = options;
  const root = (await gitIn(options.cwd)(['rev-parse', '--show-toplevel'])).trim();
  const content = relative(root, resolve(options.cwd, options.content)).split(sep).join(posix.sep);
  const git = gitIn(root, { identity: await commitIdentity(gitIn(root), options.identity) });
  const committed = await commitPaths(git, [content || '.'], options.message);
  if (!options.push) return committed ? 'committed' : 'unchanged';
  if (options.signal?.aborted) {
    log('stopping: this run is committed here and goes out with the next push');
    return committed ? 'committed' : 'unchanged';
  }
  try {
    await pushWithRetry({
      git,
      root,
      content,
      remote: options.remote,
      branch: options.branch,
      attempts: options.attempts,
      signal: options.signal,
      now: options.now,
      log,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    return 'pushed';
  } catch (error) {
    const cause = (error as Error).cause;
    log(`not pushed: ${(error as Error).message}${cause ? ` (${gitSaid(cause)})` : ''}`);
    return 'not-pushed';
  }
}
