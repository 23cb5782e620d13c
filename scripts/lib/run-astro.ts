/**
 * `npm run build` and `npm run dev`: the content folder is checked first, and invalid content
 * stops the command with its list of problems (`file:line:column field: message`) and exit code 1,
 * before Astro starts; valid content goes on to Astro's own command, arguments passed through.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir } from '../../src/lib/build-env.ts';
import { contentProblems } from '../../src/lib/content/check-folder.ts';
import { formatProblems } from '../../src/lib/validation/friendly-errors.ts';
import { astroBuildArgs, BUILD_ENV } from './astro-process.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Checks the content folder, then runs `astro <command> …args`; resolves with the exit code. */
export async function runAstro(command: 'build' | 'dev', args: readonly string[]): Promise<number> {
  const problems = contentProblems(contentDir());
  if (problems.length) {
    process.stderr.write(`${formatProblems(problems)}\n`);
    return 1;
  }
  // A build runs with the flags and environment that keep a large site's build small
  // (astro-process.ts); the dev server needs none of them.
  const child =
    command === 'build'
      ? spawn(process.execPath, astroBuildArgs(ROOT, args), {
          stdio: 'inherit',
          env: { ...process.env, ...BUILD_ENV },
        })
      : spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', ...args], {
          stdio: 'inherit',
        });
  // Ctrl-C reaches Astro too (one process group): wait for it to finish rather than leave it
  // behind; a SIGTERM sent to this process alone is passed on.
  const ignore = (): void => {};
  const pass = (): void => void child.kill('SIGTERM');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', pass);
  try {
    return await new Promise<number>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', pass);
  }
}
