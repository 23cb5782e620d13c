/**
 * Builds a site from a content folder into an output folder with Astro, in a child process, and
 * reports how long it took, its peak memory and how many pages it wrote. Used by the tests' global
 * setup, the benchmarks and `npm start`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface BuildOptions {
  content: string;
  out: string;
  /** Pinned "now" (ISO 8601); the clock if omitted. */
  now?: string | undefined;
  /** Show Astro's output (otherwise kept and shown only on failure). */
  verbose?: boolean;
}

export interface BuildResult {
  ms: number;
  /** Peak resident memory of the build process, in KiB. */
  maxRssKb: number;
  /** HTML pages written. */
  pages: number;
  output: string;
}

/** Runs `astro build`; rejects with Astro's output when the build fails. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'heliograph-build-'));
  const rssFile = join(scratch, 'rss');
  const env = {
    ...process.env,
    HELIOGRAPH_CONTENT: resolve(options.content),
    HELIOGRAPH_OUT: resolve(options.out),
    HELIOGRAPH_CACHE: join(scratch, 'cache'),
    HELIOGRAPH_RSS_FILE: rssFile,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(options.now ? { HELIOGRAPH_NOW: options.now } : {}),
  };
  const started = performance.now();
  const args = [
    '--import',
    join(ROOT, 'scripts/lib/report-rss.mjs'),
    join(ROOT, 'node_modules/astro/bin/astro.mjs'),
    'build',
  ];
  try {
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
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
        if (code === 0) done(text);
        else fail(new Error(`astro build of ${options.content} failed (exit ${code}):\n${text}`));
      });
    });
    const ms = performance.now() - started;
    const maxRssKb = Number(readFileSync(rssFile, 'utf8'));
    return { ms, maxRssKb, pages: countPages(resolve(options.out)), output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) n++;
  }
  return n;
}
