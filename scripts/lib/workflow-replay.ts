/**
 * Replays one job of a workflow file on this machine, step by step, as GitHub's runner runs it:
 * each `run:` script in bash with `-eo pipefail` (Actions' default shell), its `if:` and `env:`
 * evaluated by @actions/expressions (GitHub's own expression library), and GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_ENV and RUNNER_TEMP as the runner sets them. Actions (`uses:`) have
 * local stand-ins that do what they do: checkout clones a local bare repository, the cache
 * actions copy folders (as hard links) in and out of a local store, upload-pages-artifact makes
 * its tar file, deploy-pages does nothing. An action with no stand-in stops the replay, so that a
 * replay never claims a step it skipped. Used by `npm run bench -- --only cycle` and the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Evaluator, Lexer, Parser, data, type Expr } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { actionName, stepsOf, type Job, type Step, type Workflow } from './workflow-file.ts';

/** The `github` context values a replay sets (the rest of GitHub's is absent). */
export interface GithubContext {
  event_name: string;
  run_id: string;
  run_attempt: string;
  token: string;
  server_url: string;
  repository: string;
  event: Record<string, unknown>;
}

/** What one replay needs. */
export interface ReplayOptions {
  workflow: Workflow;
  job: string;
  /** The bare repository that stands in for GitHub's. */
  origin: string;
  /** Where checkout clones to (removed first). */
  workspace: string;
  github: GithubContext;
  /** The `secrets` context; GITHUB_TOKEN is added from `github.token`. */
  secrets?: Record<string, string>;
  /** The `needs` context: outputs and results of the jobs this one needs. */
  needs?: Record<string, { outputs: Record<string, string>; result: string }>;
  cache: ReplayCache;
  /** The machine's environment as a runner's shell would see it (see `runnerEnv`). */
  env: Record<string, string | undefined>;
  /** One line per step as it ends. */
  log?: (line: string) => void;
}

/** What one step did. */
export interface StepRecord {
  name: string;
  /** The step as the workflow file has it. */
  step: Step;
  kind: 'run' | 'action';
  outcome: 'success' | 'failure' | 'skipped';
  /** When it started, from the job's start. */
  startMs: number;
  ms: number;
  /** Its stdout and stderr together (a run step) or what the stand-in did (an action). */
  output: string;
}

/** What the job did. */
export interface JobRecord {
  conclusion: 'success' | 'failure';
  steps: StepRecord[];
  ms: number;
  /** The job's `outputs:`, evaluated. */
  outputs: Record<string, string>;
  /** What its steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
}

/**
 * The Actions cache, locally: entries are folders, restored and saved as hard-linked copies, so a
 * warm node_modules costs about a second instead of an install.
 */
export class ReplayCache {
  readonly #dir: string;
  readonly #entries = new Map<string, string>();

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** Makes an existing folder the entry of `key` (a warm cache); it is linked, never changed. */
  put(key: string, folder: string): void {
    this.#entries.set(key, folder);
  }

  /** Restores `key`, else the newest entry starting with a restore key; tells what matched. */
  restore(key: string, restoreKeys: readonly string[], target: string): string | undefined {
    const newest = [...this.#entries.keys()].reverse();
    const matched = this.#entries.has(key)
      ? key
      : restoreKeys.map((p) => newest.find((k) => k.startsWith(p))).find((k) => k !== undefined);
    if (matched !== undefined) linkCopy(this.#entries.get(matched)!, target);
    return matched;
  }

  /** Saves `source` as `key`, unless the key exists already (GitHub's caches are immutable). */
  save(key: string, source: string): boolean {
    if (this.#entries.has(key) || !existsSync(source)) return false;
    const folder = join(this.#dir, String(this.#entries.size));
    linkCopy(source, folder);
    this.#entries.set(key, folder);
    return true;
  }
}

/**
 * Folders that tools rewrite in place inside node_modules (Astro's content cache, Vite's
 * pre-bundles, Vitest's cache): a hard-linked copy would let a replay write through to the
 * source, so they are left out, as an install from the lock file would.
 */
const REWRITTEN_IN_PLACE = ['.astro', '.vite', '.vite-temp', '.vitest-cache'];

/** A hard-linked copy of a folder (same file system); tool caches left out. */
function linkCopy(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(resolve(to, '..'), { recursive: true });
  const copy = spawnSyncChecked('cp', ['-al', from, to]);
  if (copy) throw new Error(`cp -al ${from} ${to}: ${copy}`);
  for (const name of REWRITTEN_IN_PLACE) rmSync(join(to, name), { recursive: true, force: true });
}

/** The environment variables of this machine that a runner's shell has too; npm's and test runners' left out. */
export function runnerEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const keep = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'SHELL'];
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

/**
 * A bare repository whose `main` holds this working tree's files as they are now (committed or
 * not; ignored files left out), after `edit` changed them: the origin a replay clones.
 */
export function bareRepositoryOf(options: {
  root: string;
  dir: string;
  edit?: (tree: string) => void;
}): string {
  const tree = join(options.dir, 'tree');
  const bare = join(options.dir, 'origin.git');
  rmSync(options.dir, { recursive: true, force: true });
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: options.root,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(options.root, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    writeFileSync(join(tree, file), readFileSync(join(options.root, file)));
  }
  if (options.edit) options.edit(tree);
  const git = (args: string[], cwd = tree): void => {
    const failed = spawnSyncChecked('git', ['-C', cwd, ...args]);
    if (failed) throw new Error(failed);
  };
  git(['init', '--quiet', '--initial-branch', 'main']);
  git(['add', '--all']);
  git([
    '-c',
    'user.name=replay',
    '-c',
    'user.email=replay@localhost',
    'commit',
    '--quiet',
    '-m',
    'the working tree',
  ]);
  git(['clone', '--quiet', '--bare', tree, bare], options.dir);
  return bare;
}

/**
 * The key a job's cache step for `path` computes in `workspace` (setup-node giving this Node),
 * so that a replay can start from a warm cache: `cache.put(warmKey(…), folder)`.
 */
export function warmKey(options: {
  workflow: Workflow;
  job: string;
  path: string;
  workspace: string;
  github: GithubContext;
}): string {
  const step = stepsOf(options.workflow, options.job).find(
    (s) => s.with?.['path'] === options.path,
  );
  if (!step) throw new Error(`job "${options.job}" caches no ${options.path}`);
  const state: EvalState = {
    options: { github: options.github, workspace: options.workspace },
    steps: {
      node: {
        outputs: { 'node-version': process.version },
        outcome: 'success',
        conclusion: 'success',
      },
    },
    failed: false,
    temp: '',
  };
  return interpolate(String(step.with?.['key'] ?? ''), state);
}

/**
 * Whether a job would run after the jobs it needs ended so: all of them succeeded (skipped ones
 * count as not) and its `if:` holds with their outputs.
 */
export function jobWouldRun(
  job: Job,
  needs: Record<string, { outputs: Record<string, string>; result: string }>,
): boolean {
  const github: GithubContext = {
    event_name: '',
    run_id: '',
    run_attempt: '',
    token: '',
    server_url: '',
    repository: '',
    event: {},
  };
  const failed = Object.values(needs).some((n) => n.result !== 'success');
  return condition(job.if, {
    options: { github, workspace: '', needs },
    steps: {},
    failed,
    temp: '',
  });
}

/** Replays the job; resolves when it ends, whatever its conclusion. */
export async function replayJob(options: ReplayOptions): Promise<JobRecord> {
  const { workflow, job } = options;
  if (workflow.jobs[job]?.uses) throw new Error(`job "${job}" calls a workflow: replay that one`);
  const started = performance.now();
  const temp = `${options.workspace}.runner-temp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const state: JobState = {
    options,
    temp,
    summaryFile: join(temp, 'step-summary.md'),
    steps: {},
    failed: false,
    exported: {},
    posts: [],
  };
  writeFileSync(state.summaryFile, '');
  const records: StepRecord[] = [];
  for (const [index, step] of stepsOf(workflow, job).entries()) {
    const record = await replayStep(state, step, index, performance.now() - started);
    records.push(record);
    options.log?.(`${record.outcome.padEnd(7)} ${seconds(record.ms)}  ${record.name}`);
  }
  // Post steps (a cache saved after a miss) run when the job succeeded, as the runner's do.
  if (!state.failed) for (const post of state.posts) post();
  const outputs = Object.fromEntries(
    Object.entries(workflow.jobs[job]!.outputs ?? {}).map(([k, v]) => [k, interpolate(v, state)]),
  );
  return {
    conclusion: state.failed ? 'failure' : 'success',
    steps: records,
    ms: performance.now() - started,
    outputs,
    summary: readFileSync(state.summaryFile, 'utf8'),
  };
}

/** What an expression can see: the contexts and the job's status so far. */
interface EvalState {
  options: Pick<ReplayOptions, 'github' | 'secrets' | 'needs' | 'workspace'>;
  steps: JobState['steps'];
  failed: boolean;
  temp: string;
}

/** What a job's steps share. */
interface JobState {
  options: ReplayOptions;
  temp: string;
  summaryFile: string;
  /** The `steps` context. */
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  failed: boolean;
  /** Variables earlier steps wrote to GITHUB_ENV. */
  exported: Record<string, string>;
  /** Work the runner does after the last step. */
  posts: (() => void)[];
}

/** Runs one step if its `if:` holds; records its outcome and outputs. */
async function replayStep(
  state: JobState,
  step: Step,
  index: number,
  startMs: number,
): Promise<StepRecord> {
  const name =
    step.name ?? (step.uses ? `uses ${actionName(step.uses)}` : `run ${firstLine(step.run)}`);
  const kind = step.uses ? 'action' : 'run';
  const record = (outcome: StepRecord['outcome'], ms: number, output: string): StepRecord => {
    if (step.id)
      state.steps[step.id] = {
        ...(state.steps[step.id] ?? { outputs: {} }),
        outcome,
        conclusion: outcome,
      };
    if (outcome === 'failure') state.failed = true;
    return { name, step, kind, outcome, startMs, ms, output };
  };
  if (step.id) state.steps[step.id] = { outputs: {}, outcome: '', conclusion: '' };
  if (!condition(step.if, state)) return record('skipped', 0, '');
  const begun = performance.now();
  try {
    const { ok, output, outputs } = step.uses
      ? standIn(state, step)
      : await runScript(state, step, index);
    if (step.id) state.steps[step.id]!.outputs = outputs;
    return record(ok ? 'success' : 'failure', performance.now() - begun, output);
  } catch (error) {
    return record('failure', performance.now() - begun, String((error as Error).message));
  }
}

/** A step's result: whether it succeeded, what it printed, the outputs it set. */
interface StepResult {
  ok: boolean;
  output: string;
  outputs: Record<string, string>;
}

/** Runs a `run:` step in bash, as Actions' default shell does on Linux. */
async function runScript(state: JobState, step: Step, index: number): Promise<StepResult> {
  const script = step.run ?? '';
  // Expressions inside scripts are an injection risk; the workflows pass them through env.
  if (script.includes('${{')) throw new Error('an expression in a run: script (use env:)');
  const { options } = state;
  const file = join(state.temp, `step-${index}.sh`);
  const outputFile = join(state.temp, `output-${index}`);
  const envFile = join(state.temp, `env-${index}`);
  writeFileSync(file, script);
  writeFileSync(outputFile, '');
  writeFileSync(envFile, '');
  const env = {
    ...options.env,
    ...runnerVariables(state),
    ...state.exported,
    ...evaluated(options.workflow.env, state),
    ...evaluated(options.workflow.jobs[options.job]!.env, state),
    ...evaluated(step.env, state),
    GITHUB_OUTPUT: outputFile,
    GITHUB_ENV: envFile,
  };
  const { code, output } = await runBash(file, { cwd: options.workspace, env });
  Object.assign(state.exported, parseOutputFile(readFileSync(envFile, 'utf8')));
  return { ok: code === 0, output, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) };
}

/** The variables GitHub's runner gives every step. */
function runnerVariables(state: JobState): Record<string, string> {
  const { github, workspace } = state.options;
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: github.event_name,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_STEP_SUMMARY: state.summaryFile,
    RUNNER_TEMP: state.temp,
    RUNNER_OS: 'Linux',
  };
}

/** What each action the workflows use does, done locally. */
function standIn(state: JobState, step: Step): StepResult {
  const action = actionName(step.uses!);
  const input = (key: string): string => interpolate(String(step.with?.[key] ?? ''), state);
  const { options } = state;
  const done = (output: string, outputs: Record<string, string> = {}): StepResult => ({
    ok: true,
    output,
    outputs,
  });
  switch (action) {
    case 'actions/checkout': {
      rmSync(options.workspace, { recursive: true, force: true });
      const depth = Number(input('fetch-depth') || '1');
      const args = [
        'clone',
        '--quiet',
        '--no-local',
        `file://${resolve(options.origin)}`,
        options.workspace,
      ];
      if (input('ref')) args.push('--branch', input('ref'));
      if (depth > 0) args.push('--depth', String(depth));
      const failed = spawnSyncChecked('git', args);
      if (failed) return { ok: false, output: failed, outputs: {} };
      return done(`git ${args.join(' ')}`);
    }
    case 'actions/setup-node':
      // Node is the one running this replay (node_modules/.bin/node, as the `node` package gives).
      return done(`node ${process.version}`, { 'node-version': process.version });
    case 'actions/cache':
    case 'actions/cache/restore': {
      const path = join(options.workspace, input('path'));
      const key = input('key');
      const restoreKeys = input('restore-keys')
        .split('\n')
        .map((k) => k.trim())
        .filter(Boolean);
      const matched = options.cache.restore(key, restoreKeys, path);
      if (action === 'actions/cache' && matched !== key) {
        state.posts.push(() => options.cache.save(key, path));
      }
      const hit = String(matched === key);
      return done(`cache ${matched ? `restored ${matched}` : 'miss'}`, {
        'cache-hit': hit,
        'cache-matched-key': matched ?? '',
      });
    }
    case 'actions/cache/save': {
      const saved = options.cache.save(input('key'), join(options.workspace, input('path')));
      return done(saved ? `saved ${input('key')}` : 'not saved');
    }
    case 'actions/upload-pages-artifact': {
      // What the action does before uploading: one tar of the site, links dereferenced.
      const tar = join(state.temp, 'artifact.tar');
      const args = [
        '--dereference',
        '--hard-dereference',
        '-cf',
        tar,
        '-C',
        join(options.workspace, input('path')),
        '.',
      ];
      const failed = spawnSyncChecked('tar', args);
      return failed ? { ok: false, output: failed, outputs: {} } : done(`tar ${tar}`);
    }
    case 'actions/deploy-pages':
      return done('nothing deployed (replay)', { page_url: 'https://replay.invalid/' });
    default:
      throw new Error(`no local stand-in for ${step.uses}`);
  }
}

/** Whether a step runs: `if:` with `success()` implied unless it names a status function. */
function condition(test: string | boolean | undefined, state: EvalState): boolean {
  if (test === undefined) return !state.failed;
  if (typeof test === 'boolean') return test && !state.failed;
  const expression = test.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  const implied = /\b(success|failure|always|cancelled)\s*\(/.test(expression)
    ? expression
    : `success() && (${expression})`;
  return truthy(evaluate(implied, state));
}

/** Evaluates `${{ … }}` inside a string, as Actions does for `with:`, `env:` and outputs. */
export function interpolate(text: string, state: EvalState): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    evaluate(expression, state).coerceString(),
  );
}

/** `env:` values with their expressions evaluated. */
function evaluated(env: Step['env'], state: JobState): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([k, v]) => [k, interpolate(String(v), state)]),
  );
}

/** Evaluates one expression against the job's contexts. */
function evaluate(expression: string, state: EvalState): data.ExpressionData {
  const contexts = contextsOf(state);
  const functions = statusAndFileFunctions(state);
  const tree: Expr = new Parser(new Lexer(expression.trim()).lex().tokens, Object.keys(contexts), [
    ...functions.values(),
  ]).parse();
  const revived: unknown = JSON.parse(JSON.stringify(contexts), data.reviver);
  if (!(revived instanceof data.Dictionary)) throw new Error('contexts must be an object');
  return new Evaluator(tree, revived, functions).evaluate();
}

/** The contexts an expression can read. */
function contextsOf(state: EvalState): Record<string, unknown> {
  const { github, secrets, needs } = state.options;
  return {
    github: { ...github, workspace: state.options.workspace },
    secrets: { GITHUB_TOKEN: github.token, ...secrets },
    vars: {},
    env: {},
    inputs: {},
    matrix: {},
    strategy: {},
    job: {},
    runner: { os: 'Linux', arch: 'X64', temp: state.temp },
    steps: state.steps,
    needs: needs ?? {},
  };
}

/** success(), failure(), always(), cancelled() and hashFiles(), which only a runner knows. */
function statusAndFileFunctions(state: EvalState): Map<string, FunctionDefinition> {
  const status = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    status('success', () => !state.failed),
    status('failure', () => state.failed),
    status('always', () => true),
    status('cancelled', () => false),
    [
      // The evaluator looks functions up by their lower-cased names.
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: (...patterns) =>
          new data.StringData(
            hashFiles(
              patterns.map((p) => p.coerceString()),
              state.options.workspace,
            ),
          ),
      },
    ],
  ]);
}

/** GitHub's hashFiles: SHA-256 over each matched file's SHA-256; '' when nothing matches. */
export function hashFiles(patterns: readonly string[], cwd: string): string {
  const files = patterns.flatMap((p) => globSync(p, { cwd })).sort();
  if (files.length === 0) return '';
  const all = createHash('sha256');
  for (const file of files) {
    all.update(
      createHash('sha256')
        .update(readFileSync(join(cwd, file)))
        .digest(),
    );
  }
  return all.digest('hex');
}

/** `name=value` lines and `name<<DELIMITER` blocks, as GITHUB_OUTPUT and GITHUB_ENV hold them. */
export function parseOutputFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      values[block[1]!] = lines.slice(i + 1, end < 0 ? undefined : end).join('\n');
      i = end < 0 ? lines.length : end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/**
 * Runs a script file in bash as Actions' default shell does (`bash --noprofile --norc -eo
 * pipefail`), without blocking the event loop, so the caller's local servers keep answering.
 */
export function runBash(
  file: string,
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<{ code: number; output: string }> {
  return spawnCollect('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], options);
}

/** Runs a command to its end; resolves with its exit code and its stdout and stderr together. */
function spawnCollect(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', fail);
    child.on('close', (code) =>
      done({ code: code ?? 1, output: Buffer.concat(chunks).toString() }),
    );
  });
}

/** Runs a quick command; returns its error text, or '' when it succeeded. */
function spawnSyncChecked(command: string, args: readonly string[]): string {
  const { status, stderr } = spawnSync(command, [...args], { encoding: 'utf8' });
  return status === 0 ? '' : `${command} ${args.join(' ')}: ${stderr.trim()}`;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0]!.slice(0, 60);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
