/**
 * `npm run sync`: the command over the issue sync. Its environment, output streams and GitHub
 * client come in through `SyncDeps`, so tests run it whole against a local server. Its options,
 * help and exit codes are `SYNC_COMMAND`, at the end.
 */
import { appendFileSync } from 'node:fs';
import {
  CONTENT_OPTION,
  readCommandLine,
  usageError,
  type CommandSpec,
} from '../cli/command-line.ts';
import { loadConfig } from '../config/load.ts';
import { ContentError } from '../validation/friendly-errors.ts';
import { createGithubClient, DEFAULT_API_URL, type GithubClient } from './client.ts';
import { describeError } from './errors.ts';
import { parseRepoRef, type RepoRef } from './repo-ref.ts';
import { syncIssues, type SyncReport } from './sync.ts';

export interface SyncDeps {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The GitHub client; made from `GITHUB_TOKEN` and the API URL when absent. */
  client?: GithubClient;
}

/**
 * Runs the command; resolves to the exit code. Long because it checks the command line and the
 * environment in the order a person fixes them, each with its own usage error, before anything is
 * read or asked of GitHub.
 */
export async function syncMain(argv: readonly string[], deps: SyncDeps): Promise<number> {
  const io = { name: 'sync', stdout: deps.stdout, stderr: deps.stderr };
  const line = readCommandLine(argv, SYNC_COMMAND, io);
  if (!line.ok) return line.code;
  const { values } = line;
  const token = deps.env['GITHUB_TOKEN'];
  // Whatever is printed, the token never is, even inside an error from below.
  const clean = (text: string): string => (token ? text.split(token).join('***') : text);
  const out = (line: string): void => deps.stdout(clean(`${line}\n`));
  const err = (line: string): void => deps.stderr(clean(`${line}\n`));

  const repoText = values.repo ?? deps.env['GITHUB_REPOSITORY'];
  if (!repoText) {
    return usageError(
      io,
      SYNC_COMMAND,
      'name the repository with --repo owner/name or GITHUB_REPOSITORY',
    );
  }
  let repo: RepoRef;
  try {
    repo = parseRepoRef(repoText);
  } catch (error) {
    return usageError(io, SYNC_COMMAND, clean((error as Error).message));
  }
  let issue: number | undefined;
  if (values.issue !== undefined) {
    issue = Number(values.issue);
    if (!Number.isInteger(issue) || issue < 1) {
      return usageError(io, SYNC_COMMAND, `--issue takes an issue number, not "${values.issue}"`);
    }
  }
  if (!deps.client && !token) {
    return usageError(
      io,
      SYNC_COMMAND,
      'set GITHUB_TOKEN to a token that can read issues (in Actions: secrets.GITHUB_TOKEN)',
    );
  }

  let config;
  try {
    config = loadConfig(values.content);
  } catch (error) {
    if (error instanceof ContentError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
  const client =
    deps.client ??
    createGithubClient({
      token: token!,
      baseUrl: values['api-url'] ?? deps.env['GITHUB_API_URL'] ?? DEFAULT_API_URL,
      log: err,
    });
  const actions = deps.env['GITHUB_ACTIONS'] === 'true';
  if (actions) deps.stderr(`::group::Syncing issues labelled "${config.github.label}"\n`);
  let report: SyncReport;
  try {
    report = await syncIssues({
      client,
      repo,
      contentDir: values.content,
      config,
      issue,
      dryRun: values['dry-run'],
      log: out,
    });
  } catch (error) {
    err(`sync: ${describeError(error)}`);
    return 1;
  } finally {
    if (actions) deps.stderr('::endgroup::\n');
  }
  out(summaryLine(report, values['dry-run']));
  const summaryFile = deps.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) appendFileSync(summaryFile, clean(jobSummary(report)));
  return report.failed.length ? 1 : 0;
}

/** The run in one line. */
export function summaryLine(report: SyncReport, dryRun = false): string {
  const { issues, comments, events } = report.ignored;
  const ignored = [
    issues && `${issues} issue(s)`,
    comments && `${comments} comment(s)`,
    events && `${events} close/reopen(s)`,
  ].filter(Boolean);
  return [
    `synced ${report.issues} issue(s): ${dryRun ? 'would write' : 'wrote'} ${report.written.length} file(s), ${report.unchanged} unchanged`,
    ignored.length ? `, ignored ${ignored.join(', ')} by people who may not post` : '',
    report.failed.length ? `, ${report.failed.length} failed` : '',
  ].join('');
}

/** A Markdown table for the Actions job summary. */
function jobSummary(report: SyncReport): string {
  const { issues, comments, events } = report.ignored;
  return [
    '### Issue sync',
    '',
    '| Issues | Files written | Unchanged | Ignored (issues / comments / closes) | Failed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${report.issues} | ${report.written.length} | ${report.unchanged} | ${issues} / ${comments} / ${events} | ${report.failed.length} |`,
    '',
    ...report.written.map((f) => `- wrote \`${f}\``),
    ...report.failed.map((f) => `- failed: ${f.split('\n')[0]}`),
    '',
  ].join('\n');
}

/** The command line of `npm run sync`: its options and help. */
export const SYNC_COMMAND = {
  usage: ['npm run sync -- [options]'],
  summary:
    'Turns the GitHub issues that carry the incident label into incident files (content/incidents/issue-<n>.md).\nOnly issues, labels, comments, closes and reopens by people with write access count; what they wrote stays if they lose it. A second run writes nothing new.',
  options: {
    repo: {
      type: 'string',
      value: 'OWNER/NAME',
      help: 'the repository (default: $GITHUB_REPOSITORY)',
    },
    content: CONTENT_OPTION,
    'api-url': {
      type: 'string',
      value: 'URL',
      help: 'the GitHub API (default: $GITHUB_API_URL, else https://api.github.com)',
    },
    issue: { type: 'string', value: 'N', help: 'sync this issue only (what an issue event names)' },
    'dry-run': {
      type: 'boolean',
      default: false,
      help: 'print what would be written; write nothing',
    },
  },
  examples: ['npm run sync -- --repo acme/status', 'npm run sync -- --issue 12 --dry-run'],
  notes: [
    'GITHUB_TOKEN (required) must be able to read issues; in Actions, secrets.GITHUB_TOKEN.',
    'Exit codes: 0 synced; 1 invalid configuration, GitHub unreachable or an issue not synced; 2 bad usage.',
  ],
} as const satisfies CommandSpec;
