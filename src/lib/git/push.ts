/**
 * Pushing a probe run's commit when others pushed first: fetch, rebase, push again, a bounded
 * number of times with backoff. History files merge line by line (`merge=union` in
 * .gitattributes), so two runs' samples both survive; the few files that cannot be merged by lines
 * are resolved by a fixed rule (below) instead of stopping the workflow.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in a repository; resolves with stdout, rejects with stderr in the message. */
export type Git = (args: readonly string[]) => Promise<string>;

/** A Git runner for a working folder, through the git CLI. */
export function gitIn(cwd: string): Git {
  return async (args) => {
    try {
      const { stdout } = await run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`git ${args.join(' ')}: ${(e.stderr || e.message).trim()}`, { cause: error });
    }
  };
}

/** How conflicts that line-merging cannot settle are resolved, and why. */
export const CONFLICT_RULES: { pattern: RegExp; keep: 'upstream' | 'ours'; why: string }[] = [
  {
    pattern: /(^|\/)history\/state\.json$/,
    keep: 'ours',
    why: 'confirmation counters: the run being pushed is the newer one, and counters are rebuilt by the next runs',
  },
  {
    pattern: /(^|\/)history\/(daily\/)?[^/]+\.tsv$/,
    keep: 'ours',
    why: 'never expected (merge=union keeps both sides); if it happens, the newer run wins and the next run appends again',
  },
  {
    pattern: /(^|\/)incidents\/[^/]+\.md$/,
    keep: 'upstream',
    why: 'an editor (or another run) changed the incident first: their words are kept',
  },
];

export interface PushOptions {
  git: Git;
  remote?: string;
  branch?: string;
  /** Push attempts in all. */
  attempts?: number;
  /** Backoff before the second attempt; doubles after each. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

export interface PushResult {
  attempts: number;
  /** Files resolved by CONFLICT_RULES, with the side kept. */
  resolved: string[];
}

/** Pushes HEAD to the branch, rebasing on what others pushed; throws after the last attempt. */
export async function pushWithRetry(options: PushOptions): Promise<PushResult> {
  const { git } = options;
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? 'main';
  const attempts = options.attempts ?? 5;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const log = options.log ?? (() => undefined);
  const resolved: string[] = [];
  let delay = options.delayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await git(['push', remote, `HEAD:${branch}`]);
      return { attempts: attempt, resolved };
    } catch (error) {
      if (attempt >= attempts) {
        throw new Error(`push to ${remote}/${branch} failed after ${attempts} attempts`, {
          cause: error,
        });
      }
      log(`push rejected (attempt ${attempt} of ${attempts}); rebasing on ${remote}/${branch}`);
    }
    await sleep(delay + Math.floor(Math.random() * 250));
    delay *= 2;
    await git(['fetch', remote, branch]);
    resolved.push(...(await rebase(git, `${remote}/${branch}`, log)));
  }
}

/** Rebases HEAD on `upstream`, settling conflicts by CONFLICT_RULES; aborts on any other. */
async function rebase(git: Git, upstream: string, log: (line: string) => void): Promise<string[]> {
  const resolved: string[] = [];
  try {
    await git(['rebase', upstream]);
    return resolved;
  } catch {
    // Conflicts: settle each by its rule, then continue; loop while the rebase stops again.
  }
  for (let step = 0; step < 100; step++) {
    const conflicted = (await git(['diff', '--name-only', '--diff-filter=U']))
      .split('\n')
      .filter(Boolean);
    if (conflicted.length === 0) break;
    for (const file of conflicted) {
      const rule = CONFLICT_RULES.find((r) => r.pattern.test(file));
      if (!rule) {
        await git(['rebase', '--abort']);
        throw new Error(`cannot rebase: ${file} conflicts and no rule settles it`);
      }
      // During a rebase, "ours" is the upstream being rebased onto, "theirs" the commit replayed.
      await git(['checkout', rule.keep === 'upstream' ? '--ours' : '--theirs', '--', file]);
      await git(['add', '--', file]);
      resolved.push(`${file} (kept ${rule.keep === 'upstream' ? 'upstream' : 'this run'})`);
      log(
        `conflict in ${file}: kept ${rule.keep === 'upstream' ? 'upstream' : 'this run'} — ${rule.why}`,
      );
    }
    try {
      await git(['-c', 'core.editor=true', 'rebase', '--continue']);
      break;
    } catch {
      // Stopped again on the next commit: settle its conflicts in the next pass.
    }
  }
  return resolved;
}
