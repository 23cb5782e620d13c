/**
 * The probe benchmark: N HTTP checks against a local server whose latencies spread from 10 to
 * 500 ms, 2 % of them hanging past a 5 s deadline, run by the real probe command (`--dry-run`).
 * Reports wall time, peak memory and the ratio of wall time to the deadline.
 */
import { readProcessReport } from './process-report.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/lib/example/generate.ts';
import { z } from 'astro/zod';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** What the probe benchmark holds the prober to, and why. */
export const PROBE_TARGETS = {
  /** Hard deadline of each check. */
  deadlineMs: 5_000,
  /** A run takes hardly longer than its slowest check's deadline: the checks really overlap. */
  maxWallRatio: 1.3,
  /** Peak memory for 1,000 checks: it fits a small runner beside the build. */
  maxRssMb: 200,
  /** Share of checks that hang past the deadline. */
  hangingShare: 0.02,
  /** Checks in flight at once for the benchmark (the default, 32, suits a few dozen checks). */
  concurrency: 500,
};

export interface ProbeBenchResult {
  checks: number;
  wallMs: number;
  maxRssMb: number;
  ratio: number;
  down: number;
}

/**
 * The Node flags `npm run probe` passes (package.json's `probe` script), so that the benchmark
 * measures the command the workflow runs. (A small young generation: the prober waits on sockets,
 * not on memory, and its peak memory drops by a quarter at no cost in wall time.)
 */
function probeNodeFlags(): string[] {
  const pkg = z
    .object({ scripts: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
  const words = (pkg.scripts['probe'] ?? '').split(/\s+/);
  return words.slice(1, words.indexOf('scripts/probe.ts')).filter((w) => w.startsWith('--'));
}

/** Starts the latency server; resolves with its origin and a stop function. */
export async function startLatencyServer(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/lib/latency-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((done, fail) => {
    child.stdout.once('data', (chunk: Buffer) => done(chunk.toString().trim()));
    child.once('exit', (code) => fail(new Error(`latency server exited (${code})`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Runs the probe command over `checks` generated checks. */
export async function probeBench(
  checks: number,
  origin: string,
  seed = 1,
): Promise<ProbeBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-probe-bench-'));
  try {
    const random = mulberry32(seed);
    const components = Array.from({ length: checks }, (_, i) => {
      const path =
        random() < PROBE_TARGETS.hangingShare ? '/hang' : `/d/${10 + Math.floor(random() * 491)}`;
      return `  - id: c${i}\n    name: Check ${i}\n    checks: [{ type: http, url: '${origin}${path}' }]\n`;
    }).join('');
    writeFileSync(
      join(dir, 'heliograph.yaml'),
      `site:\n  title: Probe bench\n  url: https://status.example.com\n  time_zone: UTC\ncomponents:\n${components}` +
        `probe:\n  concurrency: ${PROBE_TARGETS.concurrency}\n  timeout_seconds: ${PROBE_TARGETS.deadlineMs / 1000}\n  retries: 0\n`,
    );
    const rssFile = join(dir, 'rss');
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(
        process.execPath,
        [
          ...probeNodeFlags(),
          '--import',
          join(ROOT, 'scripts/lib/report-rss.mjs'),
          join(ROOT, 'scripts/probe.ts'),
          '--content',
          dir,
          '--dry-run',
        ],
        {
          env: { ...process.env, HELIOGRAPH_RSS_FILE: rssFile },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.on('exit', (code) =>
        code === 0 ? done(text) : fail(new Error(`probe exited ${code}:\n${text}`)),
      );
    });
    const summary = /(\d+) components checked in ([\d.]+) s: .*?(\d+) down/.exec(output);
    if (!summary) throw new Error(`no summary line in the probe's output:\n${output.slice(-500)}`);
    const wallMs = Number(summary[2]) * 1000;
    return {
      checks,
      wallMs,
      maxRssMb: readProcessReport(rssFile).maxRssKb / 1024,
      ratio: wallMs / PROBE_TARGETS.deadlineMs,
      down: Number(summary[3]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
