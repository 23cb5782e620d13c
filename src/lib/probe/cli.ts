/**
 * `npm run probe`: the command over the prober's modules. Everything it touches (environment,
 * clock, output streams, the check runner) comes in through `ProbeDeps`, so tests run it whole.
 *
 * Options, help and exit codes: USAGE and MERGE_USAGE, at the end.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'astro/zod';
import {
  CONTENT_OPTION,
  formatUsage,
  parseProblem,
  type CommandSpec,
} from '../cli/command-line.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import { HEALTH_STATUSES } from '../status.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { autoIssuesStep } from '../github/auto-issues.ts';
import type { GithubClient } from '../github/client.ts';
import { recordRun, type RecordOutcome } from '../record/record.ts';
import { jobSummary, summaryLine, summaryTable } from './report.ts';
import { runProbes, type ComponentResult, type ProbeTarget } from '../measure/run.ts';
import { MissingSecretError, resolveSecrets, scrub, withSecretBundle } from '../secrets/secrets.ts';
import { inShard, parseShard } from '../measure/shard.ts';
import type { CheckRunner } from '../measure/types.ts';

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
}

const resultsFileSchema = z.object({
  version: z.literal(1),
  shard: z.string(),
  results: z.array(
    z.object({
      component: z.string(),
      at: z.number(),
      status: z.enum(HEALTH_STATUSES),
      ms: z.number().nullable(),
      reason: z.string().optional(),
      checks: z.array(z.any()).default([]),
    }),
  ),
});

/** Runs the command; resolves to the exit code. */
export async function probeMain(argv: readonly string[], deps: ProbeDeps): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        content: { type: 'string', default: 'content' },
        only: { type: 'string', multiple: true },
        shard: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'results-out': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    deps.stderr(`probe: ${parseProblem(error)}\n\n${argv[0] === 'merge' ? MERGE_USAGE : USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    deps.stdout(positionals[0] === 'merge' ? MERGE_USAGE : USAGE);
    return 0;
  }
  const group = groups(deps);
  // Secret values met while filling in checks; every line printed or written is scrubbed of them.
  const secrets: string[] = [];
  let env: Record<string, string | undefined>;
  try {
    env = withSecretBundle(deps.env);
  } catch (error) {
    deps.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  const clean = (text: string): string => scrub(text, secrets);

  let config: Config;
  try {
    config = loadConfig(values.content);
  } catch (error) {
    if (error instanceof ContentError) {
      deps.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (positionals[0] === 'merge') {
    const files = positionals.slice(1);
    if (files.length === 0) {
      deps.stderr(`probe merge: name the shard result files\n\n${MERGE_USAGE}`);
      return 2;
    }
    const results: ComponentResult[] = [];
    for (const file of files) {
      const parsed = resultsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        deps.stderr(
          `probe merge: ${file} is not a shard result file (${parsed.error.issues[0]?.message ?? ''})\n`,
        );
        return 2;
      }
      results.push(...(parsed.data.results as ComponentResult[]));
    }
    return record(results, 0);
  }
  if (positionals.length) {
    deps.stderr(`probe: unexpected "${positionals.join(' ')}"\n\n${USAGE}`);
    return 2;
  }

  let shard;
  try {
    shard = values.shard ? parseShard(values.shard) : undefined;
  } catch (error) {
    deps.stderr(`probe: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const unknown = (values.only ?? []).filter((id) => !config.components.some((c) => c.id === id));
  if (unknown.length) {
    deps.stderr(`probe: --only names no component "${unknown.join('", "')}"\n\n${USAGE}`);
    return 2;
  }

  // Secrets are filled in the copies that run; their values are scrubbed from every output.
  const targets: ProbeTarget[] = [];
  const problems: string[] = [];
  config.components.forEach((component, ci) => {
    if (component.checks.length === 0) return;
    if (values.only?.length && !values.only.includes(component.id)) return;
    if (shard && !inShard(component.id, shard)) return;
    const checks = component.checks.flatMap((check, i) => {
      try {
        const resolved = resolveSecrets(
          check,
          env,
          `${values.content}/heliograph.yaml components[${ci}].checks[${i}] (${component.id})`,
        );
        secrets.push(...resolved.secrets);
        return [resolved];
      } catch (error) {
        if (error instanceof MissingSecretError) problems.push(error.message);
        else throw error;
        return [];
      }
    });
    targets.push({ component, checks });
  });
  if (problems.length) {
    deps.stderr(`Configuration problems:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const started = performance.now();
  let done = 0;
  group.start(`Checking ${targets.length} components`);
  const results = await runProbes({
    targets,
    policy: config.probe,
    runner: deps.runner,
    now: deps.now,
    ca: deps.ca,
    onResult: (r) => {
      done++;
      if (deps.isTTY) deps.stderr(`\r  ${done}/${targets.length} checked`);
      else if (deps.env['GITHUB_ACTIONS'] === 'true')
        deps.stderr(clean(`${r.component}: ${r.status}${r.reason ? ` (${r.reason})` : ''}\n`));
    },
  });
  if (deps.isTTY) deps.stderr('\n');
  group.end();
  const ms = performance.now() - started;

  if (values.json) deps.stdout(clean(`${JSON.stringify(results, null, 2)}\n`));
  else deps.stdout(clean(`${summaryTable(results)}\n${summaryLine(results, ms)}\n`));

  if (values['results-out']) {
    const body = { version: 1, shard: values.shard ?? '1/1', results };
    if (!values['dry-run'])
      writeFileAtomic(values['results-out'], clean(`${JSON.stringify(body)}\n`));
    return 0;
  }
  return record(results, ms);

  async function record(toRecord: ComponentResult[], runMs: number): Promise<number> {
    let outcome: RecordOutcome;
    try {
      outcome = recordRun({
        contentDir: values.content,
        config: config!,
        results: toRecord.map((r) => ({ ...r, reason: r.reason && clean(r.reason) })),
        now: deps.now(),
        dryRun: values['dry-run'],
      });
    } catch (error) {
      deps.stderr(
        `probe: cannot record the run: ${(error as Error).message}${(error as Error).cause ? ` (${((error as Error).cause as Error).message})` : ''}\n`,
      );
      return 3;
    }
    const out = values.json ? deps.stderr : deps.stdout;
    for (const w of outcome.warnings) out(`warning: ${w}\n`);
    for (const c of outcome.changes) out(`confirmed: ${c.component} ${c.from} → ${c.to}\n`);
    for (const a of outcome.incidents)
      out(`incident ${a.kind}: ${a.incident} (${a.component})${a.note ? ` — ${a.note}` : ''}\n`);
    if (!values['dry-run'])
      await autoIssuesStep({
        config: config!,
        contentDir: values.content,
        actions: outcome.incidents,
        env: deps.env,
        client: deps.github,
        log: (line) => out(clean(`${line}\n`)),
      });
    if (values['dry-run']) out('dry run: nothing written\n');
    else
      out(
        `wrote ${outcome.written.length} file(s)${outcome.pruned.length ? `, pruned ${outcome.pruned.length}` : ''}\n`,
      );
    const summaryFile = deps.env['GITHUB_STEP_SUMMARY'];
    if (summaryFile) appendFileSync(summaryFile, clean(jobSummary(toRecord, outcome, runMs)));
    return 0;
  }
}

/** Collapsible log groups inside GitHub Actions; nothing elsewhere. */
function groups(deps: ProbeDeps): { start: (title: string) => void; end: () => void } {
  const on = deps.env['GITHUB_ACTIONS'] === 'true';
  return {
    start: (title) => on && deps.stderr(`::group::${title}\n`),
    end: () => on && deps.stderr('::endgroup::\n'),
  };
}

/** Options of both forms of the command. */
const COMMON_OPTIONS = {
  content: CONTENT_OPTION,
  'dry-run': { type: 'boolean', default: false, help: 'print what it would record; write nothing' },
} as const satisfies CommandSpec['options'];

const EXIT_CODES =
  "Exit codes: 0 the run worked, whatever the services' state; 1 invalid configuration or a missing\nsecret; 2 bad usage; 3 the history cannot be written.";

/** `npm run probe -- --help`. The parser is in probeMain; a test checks that the two agree. */
const USAGE = formatUsage({
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
  },
  examples: [
    'npm run probe -- --dry-run',
    'npm run probe -- --only website --json',
    'npm run probe -- --shard 2/4 --results-out shard-2.json',
  ],
  notes: [
    'Checks read ${NAME} from the environment, or from HELIOGRAPH_SECRETS, a JSON object.',
    EXIT_CODES,
  ],
});

/** `npm run probe -- merge --help`. */
const MERGE_USAGE = formatUsage({
  usage: ['npm run probe -- merge FILE... [options]'],
  summary: [
    'Records the results that `--results-out` wrote, one file per shard, as one run: one line in',
    'the history, one commit in the workflow.',
  ].join('\n'),
  options: COMMON_OPTIONS,
  examples: ['npm run probe -- merge shard-1.json shard-2.json shard-3.json shard-4.json'],
  notes: [EXIT_CODES],
});
