/**
 * The probe command run in process with the real check runners, its GitHub client pointed at the
 * fake GitHub: what the tests of whole runs share.
 */
import { createGithubClient } from '../../src/lib/github/client.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';
import type { FakeGithub } from './fake-github.ts';

/** Runs `probe ARGS`; resolves with the exit code and stdout and stderr together. */
export async function probeInProcess(
  args: readonly string[],
  options: { env: Readonly<Record<string, string | undefined>>; github: FakeGithub },
): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const { github } = options;
  const code = await probeMain(args, {
    env: options.env,
    now: () => Date.now(),
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    runner: runCheck,
    github: createGithubClient({ token: github.token, baseUrl: github.url, backoffUnitMs: 1 }),
  });
  return { code, out: out.join('') };
}
