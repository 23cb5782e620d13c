/**
 * Automatic issues (`github.auto_issues: true`): an incident the prober opens also opens a GitHub
 * issue, so the repository's watchers are notified by GitHub; recovery comments on it and closes
 * it. The issue's number goes into the incident file's `github_issue`, which is how the sync adds
 * maintainers' comments on that issue to the prober's incident. Reaching GitHub is best effort:
 * a failure is logged and never fails the probe run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Config } from '../config/schema.ts';
import { splitFrontMatter } from '../content/front-matter.ts';
import { displayPath, formatProblem } from '../content/friendly-errors.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { parseIncidentFile } from '../content/parse-entry.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { absolute, paths } from '../paths.ts';
import type { AutoIncidentAction } from '../probe/auto-incidents.ts';
// Types only: octokit is loaded when a client has to be made, so a probe run without automatic
// issues does not pay for it.
import type { GithubClient } from './client.ts';
import { describeError } from './errors.ts';
import { parseRepoRef, type RepoRef } from './repo-ref.ts';
import { autoMarker } from './marker.ts';

export interface AutoIssuesInput {
  client: GithubClient;
  repo: RepoRef;
  contentDir: string;
  config: Config;
  /** What the prober did with incident files in this run. */
  actions: readonly AutoIncidentAction[];
  log: (line: string) => void;
}

/** What reached GitHub. */
export interface AutoIssuesOutcome {
  /** Issues opened, by incident id. */
  opened: Map<string, number>;
  /** Issues commented on and closed. */
  closed: number[];
  /** What failed, one line each (already logged). */
  failed: string[];
}

/** Opens an issue per opened incident, comments on and closes it per resolved one. */
export async function publishAutoIssues(input: AutoIssuesInput): Promise<AutoIssuesOutcome> {
  const outcome: AutoIssuesOutcome = { opened: new Map(), closed: [], failed: [] };
  const { client, repo, config } = input;
  const components = new Set(config.components.map((c) => c.id));
  for (const action of input.actions) {
    if (action.kind !== 'opened' && action.kind !== 'resolved') continue;
    const file = join(input.contentDir, 'incidents', `${action.incident}.md`);
    const shown = displayPath(file);
    const link = absolute(config.site.url, config.site.base, paths.incident(action.incident));
    try {
      const text = readFileSync(file, 'utf8');
      const parsed = parseIncidentFile(text, shown, components);
      if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
      const data = parsed.data.data;
      if (action.kind === 'opened') {
        if (data.github_issue !== undefined) continue;
        const { data: issue } = await client.rest.issues.create({
          ...repo,
          title: data.title,
          body: issueBody(data, link, action.incident),
          labels: [config.github.label],
        });
        outcome.opened.set(action.incident, issue.number);
        input.log(`github: opened issue #${issue.number} for ${action.incident}`);
        try {
          writeIssueNumber(file, text, issue.number, components);
        } catch (error) {
          const line = `github: opened issue #${issue.number} but cannot note it in ${shown}: ${describeError(error)}`;
          outcome.failed.push(line);
          input.log(line);
        }
      } else {
        const number = data.github_issue;
        if (number === undefined) continue;
        const recovery = data.updates.filter((u) => u.status === 'resolved').at(-1);
        await client.rest.issues.createComment({
          ...repo,
          issue_number: number,
          body: `${recovery?.text ?? 'Resolved.'}\n\nIncident page: ${link}\n\n${autoMarker(action.incident)}`,
        });
        await client.rest.issues.update({
          ...repo,
          issue_number: number,
          state: 'closed',
          state_reason: 'completed',
        });
        outcome.closed.push(number);
        input.log(
          `github: commented on and closed issue #${number} (${action.incident} recovered)`,
        );
      }
    } catch (error) {
      const what = action.kind === 'opened' ? 'open an issue for' : 'close the issue of';
      const line = `github: cannot ${what} ${action.incident}: ${describeError(error)}`;
      outcome.failed.push(line);
      input.log(line);
    }
  }
  return outcome;
}

export interface AutoIssuesStepInput {
  config: Config;
  contentDir: string;
  actions: readonly AutoIncidentAction[];
  env: Readonly<Record<string, string | undefined>>;
  /** A client passed in (tests); otherwise one is made from `GITHUB_TOKEN`. */
  client?: GithubClient | undefined;
  log: (line: string) => void;
}

/**
 * The probe command's step: publishes when `auto_issues` is on, there is something to publish,
 * and a token and repository are known. Never throws.
 */
export async function autoIssuesStep(input: AutoIssuesStepInput): Promise<void> {
  if (!input.config.github.auto_issues) return;
  if (!input.actions.some((a) => a.kind === 'opened' || a.kind === 'resolved')) return;
  const token = input.env['GITHUB_TOKEN'];
  const repoText = input.env['GITHUB_REPOSITORY'];
  if (!input.client && !token) {
    input.log('github: auto_issues is on but GITHUB_TOKEN is not set; no issue opened or closed');
    return;
  }
  if (!repoText) {
    input.log(
      'github: auto_issues is on but GITHUB_REPOSITORY is not set; no issue opened or closed',
    );
    return;
  }
  try {
    await publishAutoIssues({
      client: input.client ?? (await makeClient(token!, input)),
      repo: parseRepoRef(repoText),
      contentDir: input.contentDir,
      config: input.config,
      actions: input.actions,
      log: input.log,
    });
  } catch (error) {
    input.log(`github: automatic issues skipped: ${describeError(error)}`);
  }
}

async function makeClient(token: string, input: AutoIssuesStepInput): Promise<GithubClient> {
  const { createGithubClient } = await import('./client.ts');
  return createGithubClient({ token, baseUrl: input.env['GITHUB_API_URL'], log: input.log });
}

/** The issue's text: the prober's first update, the page, and the mark the sync knows it by. */
function issueBody(data: IncidentData, link: string, id: string): string {
  const first = data.updates[0]?.text ?? '';
  return [
    first,
    `Incident page: ${link}`,
    'Comments here by people who can push to this repository are posted on the status page as updates (start one with `Identified:`, `Monitoring:` or `Resolved:` to set the status). The prober comments and closes this issue when the checks pass again.',
    autoMarker(id),
  ].join('\n\n');
}

/** Writes `github_issue` into the incident file, keeping everything else as written. */
function writeIssueNumber(
  file: string,
  text: string,
  number: number,
  components: ReadonlySet<string>,
): void {
  const split = splitFrontMatter(text);
  if (!split) throw new Error(`${displayPath(file)} has no front matter`);
  const doc = parseDocument(split.yaml);
  doc.set('github_issue', number);
  const rest = text.slice(text.indexOf('\n---', 3) + 4);
  const next = `---\n${doc.toString({ lineWidth: 100 })}---${rest}`;
  const parsed = parseIncidentFile(next, displayPath(file), components);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  writeFileAtomic(file, next);
}
