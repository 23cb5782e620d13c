/**
 * `npm run build`: `astro build`, in a Node process started with the flags and environment that
 * keep a large site's build small (scripts/lib/astro-process.ts). Arguments go to Astro as they
 * are (`npm run build -- --verbose`); the exit code is Astro's.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { astroBuildArgs, BUILD_ENV } from './lib/astro-process.ts';

const root = join(import.meta.dirname, '..');
const child = spawn(process.execPath, astroBuildArgs(root, process.argv.slice(2)), {
  stdio: 'inherit',
  env: { ...process.env, ...BUILD_ENV },
});
child.on('error', (error) => {
  console.error(`build: cannot start astro: ${error.message}`);
  process.exitCode = 1;
});
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
