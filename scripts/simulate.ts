/**
 * `npm run simulate` (options and help: SIMULATE_COMMAND below): commits N days of probe runs into a
 * temporary git repository, one commit per run, through the real recording code, then prints the
 * packed repository size after `git gc` and how long the site takes to read that history.
 *
 * The repository starts as a status site's repository does: this project's files, with a
 * configuration of N checks in content/. Runs are committed as the probe workflow commits them
 * (its identity and message, the run's time as the commit time). What the history costs is the
 * packed size after the runs less the packed size before the first one.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCommandLine, usageError, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { loadConfig } from '../src/lib/config/load.ts';
import { mulberry32 } from '../src/lib/example/generate.ts';
import { readHistory } from '../src/lib/history/read.ts';
import { recordRun } from '../src/lib/record/record.ts';
import type { ComponentResult } from '../src/lib/measure/run.ts';
import type { HealthStatus } from '../src/lib/status.ts';

/** The command line of `npm run simulate`. */
const SIMULATE_COMMAND = {
  usage: ['npm run simulate -- [options]'],
  summary: [
    'Commits a stretch of probe runs, one commit per run, into a temporary git repository through',
    'the real recording code, then prints the packed size the history adds and how long the site',
    'takes to read it.',
  ].join('\n'),
  options: {
    checks: {
      type: 'string',
      default: '50',
      value: 'N',
      help: 'components, one check each (default: 50)',
    },
    days: { type: 'string', default: '30', value: 'N', help: 'days of runs (default: 30)' },
    interval: {
      type: 'string',
      default: '5',
      value: 'MINUTES',
      help: 'minutes between runs (default: 5)',
    },
    keep: { type: 'boolean', default: false, help: 'keep the repository and print where it is' },
  },
  examples: ['npm run simulate -- --checks 50 --days 30 --interval 5'],
  notes: ['Exit codes: 0 done; 2 bad usage.'],
} as const satisfies CommandSpec;

const io = processIo('simulate');
const line = readCommandLine(process.argv.slice(2), SIMULATE_COMMAND, io);
if (!line.ok) process.exit(line.code);
const { values } = line;
const [checks, days, interval] = (['checks', 'days', 'interval'] as const).map((name) => {
  const n = Number(values[name]);
  if (Number.isInteger(n) && n > 0) return n;
  process.exit(
    usageError(
      io,
      SIMULATE_COMMAND,
      `--${name} "${values[name]}": expected a whole number above 0`,
    ),
  );
}) as [number, number, number];

const project = join(import.meta.dirname, '..');
const repo = mkdtempSync(join(tmpdir(), 'heliograph-simulate-'));
const content = join(repo, 'content');
const git = (args: string[], env: Record<string, string> = {}): string =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'gc.auto=0', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
// The project's own files (its .gitattributes carries the history merge rule), then a site's
// content: the configuration, its logo, an incident and a maintenance window from before.
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: project, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path && !path.startsWith('content/'));
for (const path of tracked) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  copyFileSync(join(project, path), join(repo, path));
}
for (const [path, text] of Object.entries(seedContent(checks, interval))) {
  mkdirSync(dirname(join(content, path)), { recursive: true });
  writeFileSync(join(content, path), text);
}
copyFileSync(join(project, 'content/logo.svg'), join(content, 'logo.svg'));
git(['init', '-q', '-b', 'main']);
const identity = {
  GIT_AUTHOR_NAME: 'heliograph[bot]',
  GIT_AUTHOR_EMAIL: 'heliograph-bot@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'heliograph[bot]',
  GIT_COMMITTER_EMAIL: 'heliograph-bot@users.noreply.github.com',
};
git(['add', '-A']);
git(['commit', '-q', '-m', 'Heliograph site with a configuration of checks'], identity);
const seedKb = packedKb();
const seedPackKb = packFilesKb();

const config = loadConfig(content);
const random = mulberry32(7);
const runs = Math.floor((days * 24 * 60) / interval);
const start = Date.parse('2026-01-01T00:00:00Z');
const down = new Map<string, number>(); // component → runs left in its outage
const started = performance.now();
for (let run = 0; run < runs; run++) {
  const at = start + run * interval * 60_000;
  const results: ComponentResult[] = config.components.map((c) => {
    let left = down.get(c.id) ?? 0;
    if (left === 0 && random() < 0.0005) left = 1 + Math.floor(random() * 24);
    if (left > 0) down.set(c.id, left - 1);
    const slow = left === 0 && random() < 0.002;
    const status: HealthStatus =
      left > 0 ? 'major_outage' : slow ? 'degraded_performance' : 'operational';
    return {
      component: c.id,
      at,
      status,
      ms: status === 'major_outage' ? null : Math.round(80 + random() * 300 + (slow ? 2000 : 0)),
      reason:
        status === 'major_outage'
          ? 'expected 200, got 503'
          : slow
            ? 'slow: 2300 ms (limit 2000 ms)'
            : undefined,
      checks: [],
    };
  });
  recordRun({ contentDir: content, config, results, now: at });
  // As the probe workflow commits a run: `probe run`, dated when it ran.
  const when = new Date(at).toISOString();
  git(['add', '-A', 'content']);
  git(['commit', '-q', '--no-verify', '-m', 'probe run'], {
    ...identity,
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  });
  if (run % 500 === 0 && process.stderr.isTTY)
    process.stderr.write(`\r  ${run}/${runs} runs committed`);
}
const simulateMs = performance.now() - started;
if (process.stderr.isTTY) process.stderr.write('\n');
const totalKb = packedKb();
const totalPackKb = packFilesKb();

const readStarted = performance.now();
const history = readHistory({ dir: join(content, 'history'), intervalMinutes: interval });
const readMs = performance.now() - readStarted;

console.log(
  `simulated ${runs} runs of ${checks} checks over ${days} days (${interval}-minute interval) in ${(simulateMs / 1000).toFixed(1)} s`,
);
console.log(`commits: ${git(['rev-list', '--count', 'HEAD']).trim()}`);
console.log(
  `packed repository after git gc: ${mb(totalKb)} (before the first run: ${mb(seedKb)}, the project's files and configuration)`,
);
console.log(
  `history added by ${runs} runs: ${mb(totalKb - seedKb)} packed (target ≤ 5 MB); pack files alone, as a clone downloads them: ${mb(totalPackKb - seedPackKb)}`,
);
console.log(
  `site reads the history (${history.sampleCount} samples) in ${(readMs / 1000).toFixed(2)} s (target ≤ 2 s)`,
);
if (values.keep) console.log(`repository kept at ${repo}`);
else rmSync(repo, { recursive: true, force: true });

/** `git gc`, then the packed size in KiB as `git count-objects` reports it (packs and their indexes). */
function packedKb(): number {
  git(['gc', '-q', '--prune=now']);
  return Number(/size-pack: (\d+)/.exec(git(['count-objects', '-v']))?.[1] ?? '0');
}

/** The bytes of the pack files alone, without their indexes: what a clone downloads. */
function packFilesKb(): number {
  const folder = join(repo, '.git/objects/pack');
  const bytes = readdirSync(folder)
    .filter((name) => name.endsWith('.pack'))
    .reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  return bytes / 1024;
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(2)} MB`;
}

/** content/ before the first run, by path: what an operator has after forking and configuring. */
function seedContent(n: number, minutes: number): Record<string, string> {
  return {
    'heliograph.yaml': configFor(n, minutes),
    'incidents/2025-12-15-slow-checkout.md': `---\ntitle: Slow checkout\nimpact: minor\ncomponents:\n  service-001: degraded_performance\nstarted_at: 2025-12-15T10:00:00Z\nupdates:\n  - at: 2025-12-15T10:05:00Z\n    status: investigating\n    text: Checkout takes longer than usual.\n  - at: 2025-12-15T10:40:00Z\n    status: resolved\n    text: A slow database query was fixed.\n---\n`,
    'maintenance/2025-12-20-database-upgrade.md': `---\ntitle: Database upgrade\nstart: 2025-12-20T02:00:00Z\nend: 2025-12-20T03:00:00Z\ncomponents:\n  - service-002\n---\n\nThe database moves to a new version; the service may be slow for a few minutes.\n`,
  };
}

function configFor(n: number, minutes: number): string {
  const components = Array.from(
    { length: n },
    (_, i) =>
      `  - id: service-${String(i + 1).padStart(3, '0')}\n    name: Service ${i + 1}\n    checks: [{ type: http, url: 'https://service-${i + 1}.example/health', max_response_ms: 2000 }]\n`,
  ).join('');
  return `site:\n  title: Simulation\n  url: https://status.example.com\n  time_zone: Europe/Rome\n  logo: logo.svg\ncomponents:\n${components}probe:\n  interval_minutes: ${minutes}\n  auto_incidents: true\n`;
}
