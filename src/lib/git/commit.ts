/**
 * Committing what a run wrote: one commit per run, of the content folder only, skipped when the
 * run changed nothing. The probe loop and `npm run push -- --commit` commit through it.
 */
import { GitError, type CommitIdentity, type Git } from './git.ts';

/** Who commits when neither an option nor git's configuration says: the workflows' bot. */
export const DEFAULT_IDENTITY: CommitIdentity = {
  name: 'heliograph[bot]',
  email: 'heliograph-bot@users.noreply.github.com',
};

/**
 * The identity to commit with: what the options give, else git's configured `user.name` and
 * `user.email`, else DEFAULT_IDENTITY (a runner or a fresh machine has none, and a commit
 * without one fails).
 */
export async function commitIdentity(
  git: Git,
  given: { name?: string | undefined; email?: string | undefined },
): Promise<CommitIdentity> {
  const configured = async (key: string): Promise<string | undefined> => {
    try {
      return (await git(['config', '--get', key])).trim() || undefined;
    } catch {
      // `git config --get` exits 1 when the key is unset: that is an answer, not a failure.
      return undefined;
    }
  };
  return {
    name: given.name ?? (await configured('user.name')) ?? DEFAULT_IDENTITY.name,
    email: given.email ?? (await configured('user.email')) ?? DEFAULT_IDENTITY.email,
  };
}

/**
 * Stages every change under `paths` and commits those paths alone (anything else staged is left
 * as it is); resolves false when there was nothing to commit.
 */
export async function commitPaths(
  git: Git,
  paths: readonly string[],
  message: string,
): Promise<boolean> {
  await git(['add', '-A', '--', ...paths]);
  try {
    await git(['commit', '-q', '-m', message, '--only', '--', ...paths]);
    return true;
  } catch (error) {
    // Nothing changed under the paths: git refuses with exit code 1 and says so on stdout.
    if (error instanceof GitError && error.code === 1 && NOTHING_TO_COMMIT.test(error.stdout))
      return false;
    throw error;
  }
}

/** How git says a commit would be empty. */
const NOTHING_TO_COMMIT = /nothing to commit|nothing added to commit|no changes added to commit/;
