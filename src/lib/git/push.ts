/**
 * The one writer: every job that pushes to the site's branch (the probe run, the incident sync,
 * the notification record, the probe loop) pushes through `pushWithRetry`. GitHub's concurrency
 * groups keep one pending run and replace older ones, so they cannot queue pushes; this path
 * does: when someone pushed first it fetches, rebases merging by meaning (`rebase.ts`),
 * reconciles the probe state with the merged incidents (`reconcile-commit.ts`), and pushes again, a bounded number of times with backoff and jitter. It never drops a change: what
 * it cannot merge stops it with a ConflictError naming the file, and what it cannot push stays
 * committed here for the next push.
 */
import { failureKind, gitSaid, type FailureKind, type Git } from './git.ts';
import { abortStaleRebase, rebaseMerging } from './rebase.ts';
import { reconcileAndCommit } from './reconcile-commit.ts';

/** How pushes are retried, and why. */
export const PUSH_RETRY = {
  /** Pushes in all before giving up. */
  attempts: 5,
  /** The wait before the second push; it doubles after each (exponential backoff). */
  firstDelayMs: 1_000,
  /** The longest wait: a writer that lost the race several times still pushes within a minute. */
  maxDelayMs: 30_000,
  /**
   * Each wait is drawn between half and the whole of its value ("equal jitter"), so writers that
   * lost the same race do not all come back at the same instant and collide again.
   */
  jitter: 0.5,
} as const;

export interface PushOptions {
  /** Git, run in the repository's top folder. */
  git: Git;
  /** The repository's top folder on disk. */
  root: string;
  /** The content folder, relative to the top, with `/` (default `content`). */
  content?: string;
  remote?: string;
  branch?: string;
  /** Push attempts in all (default PUSH_RETRY.attempts). */
  attempts?: number;
  /** The first wait (default PUSH_RETRY.firstDelayMs). */
  delayMs?: number;
  /** Waits; rejects when `signal` is aborted. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for the jitter. */
  random?: () => number;
  /** The clock that decides which incident updates are published, for reconciling the state. */
  now?: () => number;
  /** Aborted: no further attempt (the commits stay here for the next push). */
  signal?: AbortSignal | undefined;
  log?: (line: string) => void;
}

export interface PushResult {
  attempts: number;
  /** Files merged by a rule, one line each with what was settled. */
  merged: string[];
}

/** Why the commits were not pushed: the network, a remote that kept refusing, or a stop. */
export class PushError extends Error {
  readonly kind: FailureKind | 'stopped';
  constructor(kind: FailureKind | 'stopped', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PushError';
    this.kind = kind;
  }
}

/**
 * Pushes HEAD to the branch, rebasing on what others pushed. Throws a PushError when every
 * attempt failed (or `signal` stopped it), a ConflictError when a file cannot be merged.
 */
export async function pushWithRetry(options: PushOptions): Promise<PushResult> {
  const { git } = options;
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? 'main';
  const attempts = options.attempts ?? PUSH_RETRY.attempts;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const rebase = {
    git,
    onto: 'FETCH_HEAD',
    root: options.root,
    content: options.content ?? 'content',
    now: options.now ?? Date.now,
    log,
  };
  if (await abortStaleRebase(rebase)) log('a stopped rebase was left behind; aborted it');
  const merged: string[] = [];
  const reconcile = async (): Promise<void> => {
    const notes = await reconcileAndCommit(rebase);
    for (const note of notes) log(note);
    merged.push(...notes);
  };
  await reconcile();
  let delay = options.delayMs ?? PUSH_RETRY.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      await git(['push', remote, `HEAD:${branch}`]);
      return { attempts: attempt, merged };
    } catch (error) {
      failure = error;
    }
    const kind = failureKind(failure);
    if (attempt >= attempts) {
      const why = kind === 'network' ? 'the remote cannot be reached' : 'the remote refused it';
      throw new PushError(
        kind,
        `push to ${remote}/${branch} failed after ${attempts} attempts (${why}); the commits stay here for the next push`,
        { cause: failure },
      );
    }
    log(
      `push ${kind === 'rejected' ? 'rejected' : 'failed'} (attempt ${attempt} of ${attempts}): ${gitSaid(failure)}`,
    );
    const wait = Math.min(delay, PUSH_RETRY.maxDelayMs);
    try {
      await sleep(Math.round(wait * (1 - PUSH_RETRY.jitter * random())), options.signal);
    } catch (error) {
      throw new PushError('stopped', 'push stopped before its next attempt', { cause: error });
    }
    delay *= 2;
    try {
      await git(['fetch', remote, branch]);
    } catch (error) {
      log(`fetch failed: ${gitSaid(error)}`);
      continue;
    }
    const notes = await rebaseMerging(rebase);
    for (const note of notes) log(note);
    merged.push(...notes);
    await reconcile();
  }
}

/** setTimeout as a promise that rejects when the signal is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(new Error('stopped'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      done();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      fail(new Error('stopped'));
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
