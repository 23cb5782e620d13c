/**
 * `npm run notify`: pushes each incident update and maintenance start to the targets in
 * `notifications`, once. Everything it touches (environment, clock, output, fetch, sleep) comes in
 * through `NotifyDeps`, so tests run it whole against local servers. Options and help:
 * `NOTIFY_COMMAND`, at the end.
 *
 * Exit codes: 0 whenever the run could do its job, even if targets failed (a failing target is
 * reported and tried again by the next run, and must never block the workflow or the deploy);
 * 1 invalid configuration or content, or a test message that could not be sent; 2 bad usage;
 * 3 the record of what was sent cannot be written.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONTENT_OPTION,
  readCommandLine,
  usageError,
  type CommandSpec,
} from '../cli/command-line.ts';
import { loadSiteModel } from '../model/load.ts';
import { loadConfig } from '../config/load.ts';
import { targetId, type Config } from '../config/schema.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import type { SiteModel } from '../model/site.ts';
import { fillSecrets, MissingSecretError, scrub, withSecretBundle } from '../secrets/secrets.ts';
import { DELIVERY_POLICY, type DeliveryPolicy } from './delivery.ts';
import { openRecord, RECORD_FILE, type SentRecord } from './record.ts';
import { firstRunLine, jobSummary, resultLine, summaryLine, type TargetProblem } from './report.ts';
import {
  sendNotifications,
  sendTestMessage,
  type NotifyIo,
  type ResolvedTarget,
  type SendResult,
} from './run.ts';

export interface NotifyDeps {
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Defaults to Math.random (backoff jitter). */
  random?: () => number;
  /** Changes to DELIVERY_POLICY (tests use short deadlines). */
  policy?: Partial<DeliveryPolicy>;
  /** Extra trusted certificate authorities (PEM) for SMTP's TLS (tests). */
  ca?: readonly string[];
}

/**
 * Runs the command; resolves to the exit code. One function, long: it reads as the run's steps in
 * order (arguments, configuration, targets, model, record, sending, report), each short, and each
 * exit code is returned where its cause is met.
 */
export async function notifyMain(argv: readonly string[], deps: NotifyDeps): Promise<number> {
  const command = { name: 'notify', stdout: deps.stdout, stderr: deps.stderr };
  const line = readCommandLine(argv, NOTIFY_COMMAND, command);
  if (!line.ok) return line.code;
  const { values } = line;
  const actions = deps.env['GITHUB_ACTIONS'] === 'true';
  // Secret values met while filling in targets; every line printed or written is scrubbed of them.
  const secrets: string[] = [];
  const clean = (text: string): string => scrub(text, secrets);

  let env: Record<string, string | undefined>;
  let config: Config;
  try {
    env = withSecretBundle(deps.env);
    config = loadConfig(values.content);
  } catch (error) {
    deps.stderr(`notify: ${(error as Error).message}\n`);
    return 1;
  }
  const test = values.test;
  if (test !== undefined && values.only?.length) {
    return usageError(command, NOTIFY_COMMAND, '--test sends to one target; leave --only out');
  }
  const only = test !== undefined ? [test] : (values.only ?? []);
  const unknown = only.filter((id) => !config.notifications.some((t) => targetId(t) === id));
  if (unknown.length) {
    const known = config.notifications.map(targetId).join(', ') || 'none';
    const flag = test !== undefined ? '--test' : '--only';
    const problem = `${flag} names no target "${unknown.join('", "')}" (known: ${known})`;
    return usageError(command, NOTIFY_COMMAND, problem);
  }
  if (config.notifications.length === 0) {
    deps.stdout('notify: no targets under `notifications` in heliograph.yaml; nothing to do\n');
    return 0;
  }

  // A target whose secret is not set is reported and skipped; the others still get their messages.
  // A dry run sends nothing, so it still shows what such a target would get.
  const dryRun = values['dry-run'];
  const targets: ResolvedTarget[] = [];
  const problems: TargetProblem[] = [];
  config.notifications.forEach((target, i) => {
    const id = targetId(target);
    if (only.length && !only.includes(id)) return;
    try {
      const filled = fillSecrets(
        target,
        env,
        `${values.content}/heliograph.yaml notifications[${i}] (${id})`,
      );
      secrets.push(...filled.secrets);
      targets.push({ id, target: filled.value });
    } catch (error) {
      if (!(error instanceof MissingSecretError)) throw error;
      problems.push({ target: id, kind: target.kind, error: error.message });
      if (dryRun) targets.push({ id, target, missing: error.message });
    }
  });

  let site: SiteModel;
  try {
    site = loadSiteModel({ contentDir: values.content, now: deps.now(), config, history: false });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    deps.stderr(`notify: ${error.message}\n`);
    return 1;
  }
  const out = (line: string): void => deps.stdout(clean(`${line}\n`));
  const policy = { ...DELIVERY_POLICY, ...deps.policy };
  const io = {
    site,
    now: deps.now,
    fetch: deps.fetch ?? fetch,
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms))),
    random: deps.random ?? Math.random,
    policy,
    dryRun,
    ca: deps.ca,
  };
  if (test !== undefined) return sendTest(targets[0], problems[0], io, out);

  let record: SentRecord;
  try {
    record = openRecord(join(values.content, RECORD_FILE), { within: values.content, dryRun });
  } catch (error) {
    deps.stderr(`notify: ${describe(error)}\n`);
    return 3;
  }
  for (const warning of record.warnings) deps.stderr(`warning: ${warning}\n`);

  const annotate = (line: string): void => {
    if (actions) out(`::warning title=Notification not sent::${escapeCommand(clean(line))}`);
  };
  for (const p of problems) {
    if (dryRun) {
      out(`${p.target}: its secret is not set (${p.error}); showing what it would be sent`);
      continue;
    }
    const line = `failed ${p.target}: not configured — ${p.error}`;
    out(line);
    annotate(line);
  }

  if (actions) out(`::group::Notifications to ${targets.length} target(s)`);
  let results: SendResult[];
  try {
    results = await sendNotifications({
      ...io,
      targets,
      record,
      onResult: (r) => out(resultLine(r)),
      onFirstRun: (first) => out(firstRunLine(first, dryRun)),
    });
  } catch (error) {
    if (actions) out('::endgroup::');
    // A target that fails is a result, not an error: what reaches here is the record failing to
    // be written, and what it could not record may be sent again by the next run.
    deps.stderr(`notify: ${clean(describe(error))}\n`);
    return 3;
  }
  if (actions) out('::endgroup::');
  for (const r of results) if (r.outcome === 'failed') annotate(resultLine(r));
  out(summaryLine(results, problems, dryRun));

  const summaryFile = deps.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) {
    try {
      appendFileSync(summaryFile, clean(jobSummary(results, problems)));
    } catch (error) {
      deps.stderr(`warning: cannot write the job summary: ${describe(error)}\n`);
    }
  }
  return 0;
}

/**
 * `--test TARGET`: one message to one target, recorded nothing; exit 1 when it cannot be sent (a
 * secret not set, or the target refusing), so that whoever set it up sees at once.
 */
async function sendTest(
  target: ResolvedTarget | undefined,
  problem: TargetProblem | undefined,
  io: NotifyIo,
  out: (line: string) => void,
): Promise<number> {
  if (!target || (problem && !io.dryRun)) {
    out(`failed ${problem?.target ?? ''}: not configured — ${problem?.error ?? ''}`);
    return 1;
  }
  if (problem) out(`${problem.target}: its secret is not set (${problem.error})`);
  const result = await sendTestMessage({ ...io, target });
  out(resultLine(result));
  return result.outcome === 'failed' ? 1 : 0;
}

/** An error's message with its cause's, on one line. */
function describe(error: unknown): string {
  const e = error as Error;
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
  return `${e.message}${cause}`;
}

/** Escapes a workflow command's message (actions/toolkit, `escapeData`). */
function escapeCommand(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The command line of `npm run notify`: its options and help. */
export const NOTIFY_COMMAND = {
  usage: ['npm run notify -- [options]', 'npm run notify -- --test TARGET [options]'],
  summary: [
    'Sends each new incident update and maintenance event to the targets under `notifications` in',
    'heliograph.yaml, once each: content/history/notifications.tsv records what was sent. A',
    "target's first run sends nothing older than the moment it was configured.",
  ].join('\n'),
  options: {
    content: CONTENT_OPTION,
    only: { type: 'string', multiple: true, value: 'TARGET', help: 'send to this target id only' },
    test: {
      type: 'string',
      value: 'TARGET',
      help: 'send one test message to this target, and record nothing',
    },
    'dry-run': {
      type: 'boolean',
      default: false,
      help: 'show what is due and its text; send and write nothing',
    },
  },
  examples: [
    'npm run notify -- --dry-run',
    'npm run notify -- --only team-chat',
    'npm run notify -- --test team-chat',
  ],
  notes: [
    'Secrets come from the environment (each ${NAME}), or from HELIOGRAPH_SECRETS, a JSON object.',
    'Exit codes: 0 done, even if targets failed (they are tried again next run); 1 invalid',
    'configuration or content, or a --test message that failed; 2 bad usage; 3 the record of what',
    'was sent cannot be written.',
  ],
} as const satisfies CommandSpec;
