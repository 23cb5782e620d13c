/**
 * `npm run sync`: the command over the issue sync. Its environment, output streams and GitHub
 * client come in through `SyncDeps`, so tests run it whole against a local server.
 *
 *   sync [--repo OWNER/NAME] [--content DIR] [--api-url URL] [--issue N] [--dry-run]
 *
 * Exit codes: 0 synced (or nothing to do); 1 invalid configuration, GitHub unreachable, or an
 * issue that could not be synced; 2 bad usage (a flag, or no token or repository).
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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

/** Runs the command; resolves to the exit code. */
export async function syncMain(argv: readonly string[], deps: SyncDeps): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        repo: { type: 'string' },
        content: { type: 'string', default: 'content' },
        'api-url': { type: 'string' },
        issue: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    deps.stderr(`sync: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.stdout(USAGE);
    return 0;
  }
  const token = deps.env['GITHUB_TOKEN'];
  // Whatever is printed, the token never is, even inside an error from below.
  const clean = (text: string): string => (token ? text.split(token).join('***') : text);
  const out = (line: string): void => deps.stdout(clean(`${line}\n`));
  const err = (line: string): void => deps.stderr(clean(`${line}\n`));

  const repoText = values.repo ?? deps.env['GITHUB_REPOSITORY'];
  if (!repoText) {
    err(`sync: name the repository with --repo owner/name or GITHUB_REPOSITORY\n${USAGE}`);
    return 2;
  }
  let repo: RepoRef;
  try {
    repo = parseRepoRef(repoText);
  } catch (error) {
    err(`sync: ${(error as Error).message}`);
    return 2;
  }
  let issue: number | undefined;
  if (values.issue !== undefined) {
    issue = Number(values.issue);
    if (!Number.isInteger(issue) || issue < 1) {
      err(`sync: --issue takes an issue number, not "${values.issue}"`);
      return 2;
    }
  }
  if (!deps.client && !token) {
    err(
      'sync: set GITHUB_TOKEN to a token that can read issues (in Actions: secrets.GITHUB_TOKEN)',
    );
    return 2;
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

const USAGE = `usage: npm run sync -- [--repo OWNER/NAME] [--content DIR] [--api-url URL] [--issue N] [--dry-run]
  GITHUB_TOKEN is required; GITHUB_REPOSITORY and GITHUB_API_URL stand in for --repo and --api-url.
`;
