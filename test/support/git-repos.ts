/**
 * Real temporary git repositories for the push path's tests: a bare "remote" and clones of it,
 * seeded with a configuration and the project's own `.gitattributes`, and the checks every test
 * makes of a checkout (every file read by the parser its readers use).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile, parseMaintenanceFile } from '../../src/lib/content/parse-entry.ts';
import { gitIn, type Git } from '../../src/lib/git/git.ts';
import { pushWithRetry, type PushResult } from '../../src/lib/git/push.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { parseState } from '../../src/lib/history/state.ts';
import { parseRecordLine } from '../../src/lib/notify/record.ts';
import type { ComponentResult } from '../../src/lib/measure/run.ts';
import { recordRun, type RecordOutcome } from '../../src/lib/record/record.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The identity of test commits; `-c` options so no global configuration is needed. */
export const TEST_IDENTITY = { name: 'Test', email: 'test@heliograph.invalid' };

/** Runs git synchronously in a folder (setup and checks). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      `user.name=${TEST_IDENTITY.name}`,
      '-c',
      `user.email=${TEST_IDENTITY.email}`,
      '-c',
      'commit.gpgsign=false',
      '-c',
      'gc.auto=0',
      ...args,
    ],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** A bare remote and its clones under one temporary folder. */
export interface Repos {
  root: string;
  /** The bare repository's path. */
  remote: string;
  /** A clone's working folder (made by `clone`). */
  path: (name: string) => string;
  /** Clones the remote into `name`. */
  clone: (name: string) => string;
  /** The async runner the push path takes, for a clone. */
  runner: (name: string) => Git;
  /** Pushes a clone's commits through the push path, without waiting between attempts. */
  push: (name: string, options?: { attempts?: number }) => Promise<PushResult>;
  /** Writes a file (relative to the clone) and commits it. */
  commitFile: (name: string, file: string, text: string, message?: string) => void;
  remove: () => void;
}

/**
 * A remote seeded with `files` (relative paths → text) and the project's `.gitattributes`
 * (unless `attributes` is false), on branch main.
 */
export function makeRepos(
  files: Record<string, string>,
  options: { attributes?: boolean } = {},
): Repos {
  const root = mkdtempSync(join(tmpdir(), 'heliograph-git-'));
  const remote = join(root, 'remote.git');
  git(root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  const path = (name: string): string => join(root, name);
  // No background maintenance and no fsync: these repositories live for one test, and on a busy
  // machine each auto-gc check and each flush to disk is time the push path is not tested in.
  const FAST = ['gc.auto=0', 'maintenance.auto=false', 'core.fsync=none'];
  for (const setting of [...FAST, 'receive.autogc=false']) {
    const [key, value] = setting.split('=') as [string, string];
    git(remote, 'config', key, value);
  }
  const clone = (name: string): string => {
    git(root, 'clone', '-q', ...FAST.flatMap((s) => ['-c', s]), remote, name);
    return path(name);
  };
  const seed = clone('seed');
  const all = { ...files };
  if (options.attributes !== false)
    all['.gitattributes'] = readFileSync(join(ROOT, '.gitattributes'), 'utf8');
  for (const [file, text] of Object.entries(all)) write(join(seed, file), text);
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'seed');
  git(seed, 'push', '-q', 'origin', 'HEAD:main');
  const runner = (name: string): Git => gitIn(path(name), { identity: TEST_IDENTITY });
  return {
    root,
    remote,
    path,
    clone,
    runner,
    push: (name, opts = {}) =>
      pushWithRetry({
        git: runner(name),
        root: path(name),
        sleep: () => Promise.resolve(),
        ...opts,
      }),
    commitFile: (name, file, text, message = `write ${file}`) => {
      write(join(path(name), file), text);
      git(path(name), 'add', '-A');
      git(path(name), 'commit', '-q', '-m', message);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Writes a file, making its folder. */
export function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A fresh clone of the remote's main, for checking what was pushed. */
export function checkout(repos: Repos, name = `check-${Date.now()}-${Math.random()}`): string {
  return repos.clone(name.replace(/[^a-z0-9-]/gi, ''));
}

/**
 * Every content file of a checkout read the way its readers read it: the configuration,
 * incidents and maintenance (all problems thrown together), the history (no warning), the
 * state (valid) and the notifications record (every line). Returns the incidents.
 */
export function parseEverything(checkout: string) {
  const content = join(checkout, 'content');
  const config = loadConfig(content);
  const components = new Set(config.components.map((c) => c.id));
  const incidents = readMarkdownFolder({
    root: content,
    folder: 'incidents',
    parse: parseIncidentFile,
    components,
  });
  readMarkdownFolder({
    root: content,
    folder: 'maintenance',
    parse: parseMaintenanceFile,
    components,
  });
  const history = readHistory({ dir: join(content, 'history'), intervalMinutes: 5 });
  if (history.warnings.length)
    throw new Error(
      `history: ${history.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`).join('; ')}`,
    );
  const state = parseState(readOrEmpty(join(content, 'history/state.json')));
  if (state.problem) throw new Error(`state.json: ${state.problem}`);
  const record = readOrEmpty(join(content, 'history/notifications.tsv'));
  for (const line of record.split('\n').filter(Boolean))
    if (!parseRecordLine(line)) throw new Error(`notifications.tsv: bad line "${line}"`);
  return { config, incidents, state: state.state, record };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Records one probe run (the real recorder) in a content folder, at `at`. */
export function recordIn(
  content: string,
  at: number,
  statuses: Record<string, HealthStatus>,
): RecordOutcome {
  const results: ComponentResult[] = Object.entries(statuses).map(([component, status]) => ({
    component,
    at,
    status,
    ms: status === 'major_outage' ? null : 100,
    reason: status === 'major_outage' ? 'expected 2xx, got 503' : undefined,
    checks: [],
  }));
  return recordRun({ contentDir: content, config: loadConfig(content), results, now: at });
}

/** Records one probe run in a clone's content folder. */
export function recordInClone(
  clone: string,
  at: number,
  statuses: Record<string, HealthStatus>,
): RecordOutcome {
  return recordIn(join(clone, 'content'), at, statuses);
}

/** A small configuration: two components, every change confirmed by one run. */
export const SMALL_CONFIG = `site:
  title: Push test
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: api
    name: API
    checks: [{ type: tcp, host: 127.0.0.1, port: 9 }]
  - id: web
    name: Website
    checks: [{ type: tcp, host: 127.0.0.1, port: 9 }]
probe:
  confirm_down: 1
  confirm_up: 1
`;
