/**
 * `npm run simulate` at a tiny size: one commit per run in a real temporary repository that starts
 * as a site's repository, a samples file the site reads back whole, and the figures printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile, parseMaintenanceFile } from '../../src/lib/content/parse-entry.ts';
import { parseSamples } from '../../src/lib/history/format.ts';
import { recordedAndReplayed } from '../support/recorded-state.ts';

const ROOT = join(import.meta.dirname, '../..');
const output = execFileSync(
  process.execPath,
  [join(ROOT, 'scripts/simulate.ts'), '--checks', '3', '--days', '1', '--interval', '60', '--keep'],
  { cwd: ROOT, encoding: 'utf8' },
);
const repo = /repository kept at (.+)$/m.exec(output)?.[1] ?? '';
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

test('prints the commits, the packed sizes and the read time', () => {
  expect(output).toContain('simulated 24 runs of 3 checks over 1 days (60-minute interval)');
  expect(output).toContain('commits: 25');
  expect(output).toMatch(/^packed repository after git gc: [\d.]+ MB \(before the first run: /m);
  expect(output).toMatch(
    /^history added by 24 runs: [\d.]+ MB packed \(target ≤ 5 MB\); pack files alone/m,
  );
  expect(output).toMatch(/^site reads the history \(72 samples\) in [\d.]+ s/m);
});

test('the repository is a site: the project’s files, then one probe commit per run', () => {
  for (const path of ['package.json', 'src/lib/history/format.ts', '.gitattributes'])
    expect(existsSync(join(repo, path)), path).toBe(true);
  const subjects = git('log', '--format=%s').trim().split('\n');
  expect(subjects.slice(0, -1)).toEqual(Array.from({ length: 24 }, () => 'probe run'));
  // Each run is dated when it ran, an hour apart.
  const dates = git('log', '--format=%cI', '-3').trim().split('\n');
  expect(dates).toEqual(
    ['2026-01-01T23:00:00Z', '2026-01-01T22:00:00Z', '2026-01-01T21:00:00Z'].map((d) =>
      d.replace('Z', '+00:00'),
    ),
  );
  expect(git('check-attr', 'merge', 'content/history/2026-01-01.tsv')).toContain('merge: union');
});

test('the history is one header and one line per run, and the content parses', () => {
  const text = readFileSync(join(repo, 'content/history/2026-01-01.tsv'), 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('time\tservice-001\tservice-002\tservice-003');
  expect(lines).toHaveLength(25);
  const { samples, problems } = parseSamples(text, '2026-01-01');
  expect(problems).toEqual([]);
  expect(samples).toHaveLength(72);
  const content = join(repo, 'content');
  const ids = new Set(loadConfig(content).components.map((c) => c.id));
  expect(ids.size).toBe(3);
  const incidents = readMarkdownFolder({
    root: content,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: ids,
  });
  const maintenance = readMarkdownFolder({
    root: content,
    folder: 'maintenance',
    parse: parseMaintenanceFile,
    components: ids,
  });
  expect([incidents.size, maintenance.size]).toEqual([1, 1]);
});

test('the recorded confirmed statuses are the ones its samples lead to', () => {
  const content = join(repo, 'content');
  const files = new Map(
    ['heliograph.yaml', ...readdirSync(join(content, 'history')).map((f) => `history/${f}`)]
      .filter((path) => !path.startsWith('history/daily'))
      .map((path) => [path, readFileSync(join(content, path), 'utf8')]),
  );
  const statuses = Object.values(recordedAndReplayed(files));
  expect(statuses).toHaveLength(3);
  for (const { recorded, replayed } of statuses) {
    expect(recorded).toBeDefined();
    expect(recorded).toBe(replayed);
  }
});

test('a bad number is named, and nothing is simulated', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/simulate.ts'), '--days', '0'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--days "0": expected a whole number above 0');
  expect(run.stdout).toBe('');
});
