/**
 * Builds a site from a content folder into an output folder with Astro, in a child process, and
 * reports how long it took, its peak memory and how many pages it wrote. Used by the tests' global
 * setup, the benchmarks and `npm start`.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { astroBuildArgs, BUILD_ENV } from './astro-process.ts';
import { readProcessReport } from './process-report.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface BuildOptions {
  content: string;
  out: string;
  /** Pinned "now" (ISO 8601); the clock if omitted. */
  now?: string | undefined;
  /** Show Astro's output (otherwise kept and shown only on failure). */
  verbose?: boolean;
  /**
   * Astro's cache folder, kept between builds: a rebuild copies the incident pages whose keys are
   * unchanged (astro.config.mjs). Each build has a cache of its own, removed after it, if omitted.
   */
  cache?: string | undefined;
  /** Variables for the build's environment, over this process's. */
  env?: Readonly<Record<string, string>> | undefined;
}

export interface BuildResult {
  ms: number;
  /** Peak resident memory of the build process, in KiB. */
  maxRssKb: number;
  /** CPU time of the build process, every thread (user + system). */
  cpuMs: number;
  /** HTML pages written. */
  pages: number;
  /** Astro's output, without colour codes. */
  output: string;
}

/** Runs `astro build` as `npm run build` does; rejects with Astro's output when the build fails. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  mkdirSync(join(ROOT, '.cache', 'builds'), { recursive: true });
  const scratch = mkdtempSync(join(ROOT, '.cache', 'builds', 'build-'));
  const stage = scratch;
  const staged = join(stage, 'dist');
  const rssFile = join(scratch, 'rss');
  const env = {
    ...process.env,
    ...BUILD_ENV,
    HELIOGRAPH_CONTENT: resolve(options.content),
    HELIOGRAPH_OUT: staged,
    HELIOGRAPH_CACHE: options.cache ? resolve(options.cache) : join(scratch, 'cache'),
    // Copies for the next build are kept only where there is a next build to use them.
    HELIOGRAPH_INCREMENTAL: options.cache ? '1' : '0',
    HELIOGRAPH_RSS_FILE: rssFile,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(options.now ? { HELIOGRAPH_NOW: options.now } : {}),
    ...options.env,
  };
  const started = performance.now();
  // Astro keeps its temporary prerender files in the output folder only when that folder is inside
  // the working directory (else in the project's shared .astro/, where builds running at once
  // collide), and those files import packages from node_modules: so each build runs in a stage
  // folder inside the project, and its output is moved to where it was asked for.
  const args = [
    '--import',
    join(ROOT, 'scripts/lib/report-rss.mjs'),
    ...astroBuildArgs(ROOT, ['--root', ROOT]),
  ];
  try {
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: stage,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      const collect = (chunk: Buffer): void => {
        text += chunk.toString();
        if (options.verbose) process.stderr.write(chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', fail);
      child.on('close', (code) => {
        // Plain text for those who read it (tests, benchmarks), whether or not the terminal or
        // FORCE_COLOR asked Astro for colours.
        const plain = stripVTControlCharacters(text);
        if (code === 0) done(plain);
        else fail(new Error(`astro build of ${options.content} failed (exit ${code}):\n${plain}`));
      });
    });
    const ms = performance.now() - started;
    const { maxRssKb, cpuMs } = readProcessReport(rssFile);
    moveDir(staged, resolve(options.out));
    return { ms, maxRssKb, cpuMs, pages: countPages(resolve(options.out)), output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Replaces `to` with `from`, across file systems if need be. */
function moveDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
  }
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) n++;
  }
  return n;
}
