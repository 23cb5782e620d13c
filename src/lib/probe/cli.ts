/**
 * `npm run probe`: the command over the prober's modules. Everything it touches (environment,
 * clock, output streams, the check runner) comes in through `ProbeDeps`, so tests run it whole.
 * Options, help and exit codes: PROBE_COMMAND and MERGE_COMMAND, at the end.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CONTENT_OPTION,
  readCommandLine,
  usageError,
  type CommandSpec,
} from '../cli/command-line.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { templateGuard } from '../config/template-guard.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { autoIssuesStep } from '../github/auto-issues.ts';
import type { GithubClient } from '../github/client.ts';
import { recordRun, type RecordOutcome } from '../record/record.ts';
import { jobSummary, summaryLine, summaryTable } from './report.ts';
import { runProbes, type ComponentResult, type ProbeTarget } from '../measure/run.ts';
import { MissingSecretError, resolveSecrets, scrub, withSecretBundle } from '../secrets/secrets.ts';
import {
  formatShardResults,
  inShard,
  parseShard,
  parseShardResults,
  type Shard,
} from '../measure/shard.ts';
import type { CheckRunner } from '../measure/types.ts';
import { abortableSleep } from '../git/push.ts';
import { PUSH_OPTIONS } from '../git/push-cli.ts';
import { runEvery } from './loop.ts';
import { publishRun, type Published } from './publish.ts';

export interface ProbeDeps {
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  runner: CheckRunner;
  /** Whether stderr is a terminal (live progress). */
  isTTY?: boolean;
  /** Extra trusted CAs (tests). */
  ca?: string[];
  /** GitHub client for `github.auto_issues`; made from GITHUB_TOKEN when absent. */
  github?: GithubClient;
  /** The folder the command runs in, for git (default: the process's). */
  cwd?: string;
  /** Waits (the loop's cadence, the push's backoff); rejects when the signal is aborted. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborted on SIGTERM or SIGINT: the loop ends after the run under way. */
  stop?: AbortSignal;
}

/** Exit code of a run that was recorded and committed but not pushed (`--push`). */
const NOT_PUSHED = 4;

/** Runs the command; resolves to the exit code. */
export async function probeMain(argv: readonly string[], deps: ProbeDeps): Promise<number> {
  let args: ProbeArgs;
  try {
    args = parseProbeArgs(argv, deps);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    deps.stderr(error.message);
    return error.code;
  }
  if (args.every !== undefined) return await probeLoop(args, args.every, deps);
  const code = await probeOnce(args, deps);
  if (code !== 0 || !args.publish.push || args.dryRun) return code;
  return (await publish(args, deps, deps.now())) === 'pushed' ? 0 : NOT_PUSHED;
}

/**
 * `--every N`: a run at every multiple of N seconds (loop.ts), each recorded, committed and
 * pushed; a run that fails is reported and the loop goes on. Ends with 0 on a stop request.
 */
async function probeLoop(args: ProbeArgs, every: number, deps: ProbeDeps): Promise<number> {
  const log = (line: string): void => deps.stdout(`${line}\n`);
  const signal = deps.stop ?? new AbortController().signal;
  const runs = await runEvery({
    everyMs: every * 1000,
    now: deps.now,
    sleep: deps.sleep ?? abortableSleep,
    signal,
    log,
    run: async (slot) => {
      try {
        const code = await probeOnce(args, deps);
        if (code !== 0) log(`the run ended with exit code ${code}; the next one follows`);
        if (args.dryRun) return;
        log(`run ${minute(slot)}: ${await publish(args, deps, slot, signal)}`);
      } catch (error) {
        // A loop runs for years: one run's failure is reported and the next run tries again.
        log(`the run failed: ${describe(error)}`);
      }
    },
  });
  log(`stopped after ${runs} run(s)`);
  return 0;
}

/** Commits the content folder as one run and pushes it when asked. */
function publish(
  args: ProbeArgs,
  deps: ProbeDeps,
  at: number,
  signal?: AbortSignal,
): Promise<Published> {
  return publishRun({
    cwd: deps.cwd ?? process.cwd(),
    content: args.content,
    message: `probe run ${minute(at)}`,
    ...args.publish,
    signal,
    sleep: deps.sleep,
    now: deps.now,
    log: (line) => deps.stdout(`${line}\n`),
  });
}

/** An instant to the minute, as commit messages show it. */
function minute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16)}Z`;
}

/** One run: measures and records (or records the shards' results); resolves to its exit code. */
async function probeOnce(args: ProbeArgs, deps: ProbeDeps): Promise<number> {
  try {
    const run = openRun(args, deps);
    if (args.merge) {
      const shards = readShardFiles(args.merge);
      return notYetOwn(run) ?? (await recordResults(run, shards, 0));
    }
    const targets = probeTargets(run);
    const stop = notYetOwn(run);
    if (stop !== undefined) return stop;
    const { results, ms } = await measure(run, targets);
    const print = (text: string): void => deps.stdout(run.clean(text));
    if (args.json) print(`${JSON.stringify(results, null, 2)}\n`);
    else print(`${summaryTable(results)}\n${summaryLine(results, ms)}\n`);
    if (args.resultsOut) {
      const text = formatShardResults(args.shard ?? '1/1', results);
      if (!args.dryRun) writeFileAtomic(args.resultsOut, run.clean(text));
      return 0;
    }
    return await recordResults(run, results, ms);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    deps.stderr(error.message);
    return error.code;
  }
}

/**
 * A template's configuration is not probed (src/lib/config/template-guard.ts): says why, in the
 * log and the job summary, and ends with 0. A dry run writes nothing, so it may try the checks.
 */
function notYetOwn(run: Run): 0 | undefined {
  const guard = templateGuard(run.config);
  if (guard.own || run.args.dryRun) return undefined;
  run.deps.stdout(`probe: ${guard.reason}\n`);
  const summaryFile = run.deps.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) appendFileSync(summaryFile, `## Heliograph probe\n\n${guard.reason}\n`);
  return 0;
}

/** Stops the command with an exit code and what to tell on stderr. */
class Exit extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'Exit';
    this.code = code;
  }
}

/** The command line, read. */
interface ProbeArgs {
  content: string;
  only: string[];
  shard: string | undefined;
  dryRun: boolean;
  json: boolean;
  resultsOut: string | undefined;
  /** `probe merge FILE…`: the shard result files to record. */
  merge: string[] | undefined;
  /** `--every N`: the loop's interval in seconds. */
  every: number | undefined;
  /** Committing and pushing each run. */
  publish: {
    push: boolean;
    remote: string;
    branch: string;
    attempts: number;
    identity: { name: string | undefined; email: string | undefined };
  };
}

/** Reads the command line; `--help` ends with 0, an unknown or malformed option with 2. */
function parseProbeArgs(argv: readonly string[], deps: ProbeDeps): ProbeArgs {
  const mergeAt = mergeWordAt(argv);
  if (mergeAt >= 0) {
    const io = { stdout: deps.stdout, stderr: deps.stderr, name: 'probe', positionals: true };
    const rest = argv.filter((_, i) => i !== mergeAt);
    const line = readCommandLine(rest, MERGE_COMMAND, io);
    if (!line.ok) throw new Exit(line.code, '');
    if (line.positionals.length === 0) {
      throw new Exit(usageError(io, MERGE_COMMAND, 'name the shard result files'), '');
    }
    const { content, 'dry-run': dryRun } = line.values;
    const none = { only: [], shard: undefined, json: false, resultsOut: undefined };
    const publish = readPublish(line.values, false, (m) => usageError(io, MERGE_COMMAND, m));
    return { ...none, content, dryRun, merge: line.positionals, every: undefined, publish };
  }
  const io = { ...deps, name: 'probe' };
  const line = readCommandLine(argv, PROBE_COMMAND, io);
  if (!line.ok) throw new Exit(line.code, '');
  const { values } = line;
  const bad = (message: string): 2 => usageError(io, PROBE_COMMAND, message);
  let every: number | undefined;
  if (values.every !== undefined) {
    every = Number(values.every);
    if (!Number.isInteger(every) || every < 1)
      throw new Exit(bad(`--every "${values.every}": expected whole seconds above 0`), '');
    if (values['results-out'] !== undefined)
      throw new Exit(bad('--every records each run: it cannot go with --results-out'), '');
  }
  return {
    content: values.content,
    only: values.only ?? [],
    shard: values.shard,
    dryRun: values['dry-run'],
    json: values.json ?? false,
    resultsOut: values['results-out'],
    merge: undefined,
    every,
    publish: readPublish(values, every !== undefined, bad),
  };
}

/**
 * The commit-and-push options: `--push` asks for a push after a single run; a loop pushes unless
 * `--no-push` (which commits only).
 */
function readPublish(
  values: {
    push?: boolean | undefined;
    'no-push'?: boolean | undefined;
    remote: string;
    branch: string;
    attempts: string;
    'commit-name'?: string | undefined;
    'commit-email'?: string | undefined;
  },
  loop: boolean,
  bad: (message: string) => 2,
): ProbeArgs['publish'] {
  if (values.push && values['no-push']) throw new Exit(bad('--push and --no-push contradict'), '');
  const attempts = Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new Exit(bad(`--attempts "${values.attempts}": expected a whole number above 0`), '');
  return {
    push: values.push ?? (loop && !values['no-push']),
    remote: values.remote,
    branch: values.branch,
    attempts,
    identity: { name: values['commit-name'], email: values['commit-email'] },
  };
}

/** What every step of one run shares. */
interface Run {
  args: ProbeArgs;
  deps: ProbeDeps;
  config: Config;
  /** The environment with the secrets bundle unpacked. */
  env: Record<string, string | undefined>;
  /** Secret values met while filling in checks. */
  secrets: string[];
  /** Removes those secret values from a text about to be printed or written. */
  clean: (text: string) => string;
}

/** The environment and the configuration; either invalid is exit 1. */
function openRun(args: ProbeArgs, deps: ProbeDeps): Run {
  let env: Record<string, string | undefined>;
  try {
    env = withSecretBundle(deps.env);
  } catch (error) {
    throw new Exit(1, `${(error as Error).message}\n`);
  }
  let config: Config;
  try {
    config = loadConfig(args.content);
  } catch (error) {
    if (error instanceof ContentError) throw new Exit(1, `${error.message}\n`);
    throw error;
  }
  const secrets: string[] = [];
  return { args, deps, config, env, secrets, clean: (text) => scrub(text, secrets) };
}

/**
 * Where the word `merge` stands when it is the command's first argument (options may come before
 * it: `--content site merge a.json`), or -1. Options are read leniently here; the real parse,
 * with the right form's options, follows.
 */
function mergeWordAt(argv: readonly string[]): number {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...PROBE_COMMAND.options },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const first = tokens.find((token) => token.kind === 'positional');
  return first?.value === 'merge' ? first.index : -1;
}

/** The results in the shard files that `probe merge` names; a missing or invalid file is exit 2. */
function readShardFiles(files: readonly string[]): ComponentResult[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Exit(2, `probe merge: cannot read ${file}: ${(error as Error).message}\n`);
    }
    const parsed = parseShardResults(text);
    if (!parsed.ok)
      throw new Exit(2, `probe merge: ${file} is not a shard result file (${parsed.problem})\n`);
    return parsed.results;
  });
}

/**
 * The components this run checks (`--only`, `--shard`), with secrets filled in the copies that
 * run; their values join `run.secrets`, so every output is scrubbed of them.
 */
function probeTargets(run: Run): ProbeTarget[] {
  const { args, config } = run;
  let shard: Shard | undefined;
  try {
    shard = args.shard ? parseShard(args.shard) : undefined;
  } catch (error) {
    throw new Exit(badUsage(run, (error as Error).message), '');
  }
  const unknown = args.only.filter((id) => !config.components.some((c) => c.id === id));
  if (unknown.length) {
    throw new Exit(badUsage(run, `--only names no component "${unknown.join('", "')}"`), '');
  }
  const targets: ProbeTarget[] = [];
  const problems: string[] = [];
  config.components.forEach((component, ci) => {
    if (component.checks.length === 0) return;
    if (args.only.length && !args.only.includes(component.id)) return;
    if (shard && !inShard(component.id, shard)) return;
    const checks = component.checks.flatMap((check, i) => {
      const where = `${args.content}/heliograph.yaml components[${ci}].checks[${i}] (${component.id})`;
      try {
        const resolved = resolveSecrets(check, run.env, where);
        run.secrets.push(...resolved.secrets);
        return [resolved];
      } catch (error) {
        if (!(error instanceof MissingSecretError)) throw error;
        problems.push(error.message);
        return [];
      }
    });
    targets.push({ component, checks });
  });
  if (problems.length) {
    throw new Exit(1, `Configuration problems:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  }
  return targets;
}

/** Runs the checks, showing progress on a terminal and one line per component in Actions. */
async function measure(
  run: Run,
  targets: readonly ProbeTarget[],
): Promise<{ results: ComponentResult[]; ms: number }> {
  const { deps } = run;
  const inActions = deps.env['GITHUB_ACTIONS'] === 'true';
  const started = performance.now();
  let done = 0;
  // Collapsible log groups inside GitHub Actions; nothing elsewhere.
  if (inActions) deps.stderr(`::group::Checking ${targets.length} components\n`);
  const results = await runProbes({
    targets,
    policy: run.config.probe,
    runner: deps.runner,
    now: deps.now,
    ca: deps.ca,
    onResult: (r) => {
      done++;
      if (deps.isTTY) deps.stderr(`\r  ${done}/${targets.length} checked`);
      else if (inActions)
        deps.stderr(run.clean(`${r.component}: ${r.status}${r.reason ? ` (${r.reason})` : ''}\n`));
    },
  });
  if (deps.isTTY) deps.stderr('\n');
  if (inActions) deps.stderr('::endgroup::\n');
  return { results, ms: performance.now() - started };
}

/**
 * Records the results in the content folder (exit 3 when it cannot be written), tells what
 * changed, publishes automatic issues and appends the Actions job summary.
 */
async function recordResults(
  run: Run,
  results: readonly ComponentResult[],
  runMs: number,
): Promise<number> {
  const { args, deps, config, clean } = run;
  let outcome: RecordOutcome;
  try {
    outcome = recordRun({
      contentDir: args.content,
      config,
      results: results.map((r) => ({ ...r, reason: r.reason && clean(r.reason) })),
      now: deps.now(),
      dryRun: args.dryRun,
    });
  } catch (error) {
    throw new Exit(3, `probe: cannot record the run: ${describe(error)}\n`);
  }
  // With --json, stdout carries the results alone.
  const out = args.json ? deps.stderr : deps.stdout;
  printOutcome(outcome, out);
  if (args.dryRun) {
    out('dry run: nothing written\n');
  } else {
    await autoIssuesStep({
      config,
      contentDir: args.content,
      actions: outcome.incidents,
      env: deps.env,
      client: deps.github,
      log: (line) => out(clean(`${line}\n`)),
    });
    const pruned = outcome.pruned.length ? `, pruned ${outcome.pruned.length}` : '';
    out(`wrote ${outcome.written.length} file(s)${pruned}\n`);
  }
  const summaryFile = deps.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) appendFileSync(summaryFile, clean(jobSummary(results, outcome, runMs)));
  return 0;
}

/** Warnings, confirmed changes and automatic incidents of a recorded run, one line each. */
function printOutcome(outcome: RecordOutcome, out: (text: string) => void): void {
  for (const w of outcome.warnings) out(`warning: ${w}\n`);
  for (const c of outcome.changes) out(`confirmed: ${c.component} ${c.from} → ${c.to}\n`);
  for (const a of outcome.incidents)
    out(`incident ${a.kind}: ${a.incident} (${a.component})${a.note ? ` — ${a.note}` : ''}\n`);
}

/** An error's message, with its cause's when it has one. */
function describe(error: unknown): string {
  const { message, cause } = error as Error;
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}

/** A value the parser accepted but the configuration refuses: the problem, then the usage. */
function badUsage(run: Run, message: string): 2 {
  return usageError({ ...run.deps, name: 'probe' }, PROBE_COMMAND, message);
}

/** Options of both forms of the command. */
const COMMON_OPTIONS = {
  content: CONTENT_OPTION,
  'dry-run': { type: 'boolean', default: false, help: 'print what it would record; write nothing' },
  push: {
    type: 'boolean',
    help: 'commit the content folder and push it through `npm run push` (a loop does by default)',
  },
  'no-push': { type: 'boolean', help: 'with --every: commit each run, push nothing' },
  ...PUSH_OPTIONS,
} as const satisfies CommandSpec['options'];

const EXIT_CODES =
  "Exit codes: 0 the run worked, whatever the services' state (a loop: stopped by SIGTERM or\nSIGINT); 1 invalid configuration or a missing secret; 2 bad usage; 3 the history cannot be\nwritten; 4 with --push, recorded and committed but not pushed (it goes with the next push).";

/** `npm run probe -- --help`: the options, their parser and their help. */
const PROBE_COMMAND = {
  usage: ['npm run probe -- [options]', 'npm run probe -- merge FILE... [options]'],
  summary: [
    'Runs every check in heliograph.yaml and records what it saw in content/history/; a confirmed',
    "change opens or resolves an automatic incident. `merge` records shards' results at once.",
  ].join('\n'),
  options: {
    ...COMMON_OPTIONS,
    only: { type: 'string', multiple: true, value: 'ID', help: 'check this component only' },
    shard: { type: 'string', value: 'I/N', help: 'check shard I of N only (a CI matrix job)' },
    json: { type: 'boolean', help: 'print the results as JSON on stdout' },
    'results-out': {
      type: 'string',
      value: 'FILE',
      help: 'write the results to FILE for `merge`, and record nothing',
    },
    every: {
      type: 'string',
      value: 'N',
      help: 'keep running, every N seconds on the clock; commit and push each run',
    },
  },
  examples: [
    'npm run probe -- --dry-run',
    'npm run probe -- --only website --json',
    'npm run probe -- --shard 2/4 --results-out shard-2.json',
    'npm run probe -- --every 60',
  ],
  notes: [
    'Checks read ${NAME} from the environment, or from HELIOGRAPH_SECRETS, a JSON object.',
    EXIT_CODES,
  ],
} as const satisfies CommandSpec;

/** `npm run probe -- merge --help`. */
const MERGE_COMMAND = {
  usage: ['npm run probe -- merge FILE... [options]'],
  summary: [
    'Records the results that `--results-out` wrote, one file per shard, as one run: one line in',
    'the history, one commit in the workflow.',
  ].join('\n'),
  options: COMMON_OPTIONS,
  examples: ['npm run probe -- merge shard-1.json shard-2.json shard-3.json shard-4.json'],
  notes: [EXIT_CODES],
} as const satisfies CommandSpec;
