/**
 * `npm run simulate -- --checks 50 --days 30 --interval 5`: commits N days of probe runs into a
 * temporary git repository, one commit per run, through the real recording code, then prints the
 * packed repository size after `git gc` and how long the site takes to read that history.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/lib/config/load.ts';
import { mulberry32 } from '../src/lib/example/generate.ts';
import { readHistory } from '../src/lib/history/read.ts';
import { recordRun } from '../src/lib/probe/record.ts';
import type { ComponentResult } from '../src/lib/probe/run.ts';
import type { HealthStatus } from '../src/lib/status.ts';

const { values } = parseArgs({
  options: {
    checks: { type: 'string', default: '50' },
    days: { type: 'string', default: '30' },
    interval: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const checks = Number(values.checks);
const days = Number(values.days);
const interval = Number(values.interval);

const repo = mkdtempSync(join(tmpdir(), 'heliograph-simulate-'));
const content = join(repo, 'content');
mkdirSync(content, { recursive: true });
writeFileSync(join(content, 'heliograph.yaml'), configFor(checks, interval));
const git = (...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Simulator',
      '-c',
      'user.email=sim@heliograph.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd: repo, encoding: 'utf8' },
  );
git('init', '-q', '-b', 'main');
// The history merge rule the probe workflow relies on: appended lines from two runs both survive.
writeFileSync(
  join(repo, '.gitattributes'),
  'content/history/samples/*.tsv merge=union\ncontent/history/daily/*.tsv merge=union\n',
);
git('add', '-A');
git('commit', '-q', '-m', 'configuration');

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
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', `probe run ${new Date(at).toISOString()}`);
  if (run % 500 === 0 && process.stderr.isTTY)
    process.stderr.write(`\r  ${run}/${runs} runs committed`);
}
const simulateMs = performance.now() - started;
if (process.stderr.isTTY) process.stderr.write('\n');
git('gc', '-q', '--prune=now');
const packed = /size-pack: (\d+)/.exec(git('count-objects', '-v'))?.[1] ?? '0';

const readStarted = performance.now();
const history = readHistory({ dir: join(content, 'history'), intervalMinutes: interval });
const readMs = performance.now() - readStarted;

console.log(
  `simulated ${runs} runs of ${checks} checks over ${days} days (${interval}-minute interval) in ${(simulateMs / 1000).toFixed(1)} s`,
);
console.log(`commits: ${git('rev-list', '--count', 'HEAD').trim()}`);
console.log(
  `packed repository after git gc: ${(Number(packed) / 1024).toFixed(2)} MB (target ≤ 5 MB)`,
);
console.log(
  `site reads the history (${history.sampleCount} samples) in ${(readMs / 1000).toFixed(2)} s (target ≤ 2 s)`,
);
if (values.keep) console.log(`repository kept at ${repo}`);
else rmSync(repo, { recursive: true, force: true });

function configFor(n: number, minutes: number): string {
  const components = Array.from(
    { length: n },
    (_, i) =>
      `  - id: service-${String(i + 1).padStart(3, '0')}\n    name: Service ${i + 1}\n    checks: [{ type: http, url: 'https://service-${i + 1}.example/health', max_response_ms: 2000 }]\n`,
  ).join('');
  return `site:\n  title: Simulation\n  url: https://status.example.com\n  time_zone: Europe/Rome\ncomponents:\n${components}probe:\n  interval_minutes: ${minutes}\n  auto_incidents: true\n`;
}
