/**
 * Automatic issues (`github.auto_issues: true`): an incident the prober opens also opens a GitHub
 * issue, so the repository's watchers are notified by GitHub; a change of the outage (partial to
 * major, or back) comments on it; recovery comments on it and closes it. The issue's number goes
 * into the incident file's `github_issue`, which is how the sync adds maintainers' comments on
 * that issue to the prober's incident. Reaching GitHub is best effort: a failure is logged and
 * never fails the probe run.
 */
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { setField } from '../content/incident-document.ts';
import { editIncidentFile } from '../content/incident-files.ts';
import type { IncidentData, IncidentUpdateData } from '../content/incident-schema.ts';
import { parseIncidentFile } from '../content/parse-entry.ts';
import { CONTENT_LIMITS, readContentText } from '../fs/content-file.ts';
import { codeSpan } from '../text/code-span.ts';
import { displayPath, formatProblem } from '../validation/friendly-errors.ts';
import { absolute, paths } from '../paths.ts';
import type { AutoIncidentAction } from '../record/auto-incidents.ts';
// Types only: octokit is loaded when a client has to be made, so a probe run without automatic
// issues does not pay for it.
import type { GithubClient } from './client.ts';
import { describeError, statusOf } from './errors.ts';
import { parseRepoRef, type RepoRef } from './repo-ref.ts';
import { autoMarker, readAutoMarker } from './marker.ts';

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
  /** Issues commented on because the outage changed (partial to major, or back). */
  commented: number[];
  /** Issues commented on and closed. */
  closed: number[];
  /** What failed, one line each (already logged). */
  failed: string[];
}

/**
 * Opens an issue per opened incident, comments on it when the outage changes, and comments on and
 * closes it per resolved one. Long because each action's GitHub calls sit in one `try`: whatever
 * fails is logged with what was being done, and the next action still runs.
 */
export async function publishAutoIssues(input: AutoIssuesInput): Promise<AutoIssuesOutcome> {
  const outcome: AutoIssuesOutcome = { opened: new Map(), commented: [], closed: [], failed: [] };
  const { client, repo, config } = input;
  const components = new Set(config.components.map((c) => c.id));
  for (const action of input.actions) {
    if (action.kind === 'skipped') continue;
    const file = join(input.contentDir, 'incidents', `${action.incident}.md`);
    const shown = displayPath(file);
    const link = absolute(config.site.url, config.site.base, paths.incident(action.incident));
    try {
      const text = readContentText(file, {
        within: input.contentDir,
        limit: CONTENT_LIMITS.entry,
      });
      const parsed = parseIncidentFile(text, shown, components);
      if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
      const data = parsed.data.data;
      if (action.kind === 'opened') {
        if (data.github_issue !== undefined) continue;
        const issue = await openIssueOnce(client, repo, config.github.label, action.incident, {
          title: data.title,
          body: issueBody(data, link, action.incident),
        });
        outcome.opened.set(action.incident, issue.number);
        input.log(
          issue.found
            ? `github: found issue #${issue.number}, opened earlier for ${action.incident}`
            : `github: opened issue #${issue.number} for ${action.incident}`,
        );
        try {
          editIncidentFile({
            path: file,
            file: shown,
            components,
            edit: (doc) => {
              setField(doc, 'github_issue', issue.number);
              return true;
            },
          });
        } catch (error) {
          const line = `github: opened issue #${issue.number} but cannot note it in ${shown}: ${describeError(error)}`;
          outcome.failed.push(line);
          input.log(line);
        }
      } else {
        const number = data.github_issue;
        if (number === undefined) continue;
        const resolved = action.kind === 'resolved';
        const update = resolved
          ? data.updates.filter((u) => u.status === 'resolved').at(-1)
          : data.updates.at(-1);
        await client.rest.issues.createComment({
          ...repo,
          issue_number: number,
          body: [
            ...updateParts(update, resolved ? 'Resolved.' : 'Updated.'),
            `Incident page: ${link}`,
            autoMarker(action.incident),
          ].join('\n\n'),
        });
        if (!resolved) {
          outcome.commented.push(number);
          input.log(`github: commented on issue #${number} (${action.incident} changed)`);
          continue;
        }
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
      const what = {
        opened: 'open an issue for',
        joined: 'comment on the issue of',
        updated: 'comment on the issue of',
        resolved: 'close the issue of',
      }[action.kind];
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
  if (!input.actions.some((a) => a.kind !== 'skipped')) return;
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

/** Attempts to create an issue, waiting 1, 4, 9 s between them as the client does for other calls. */
const CREATE_ATTEMPTS = 4;

/**
 * Opens an incident's issue at most once. Creating is not idempotent, so a create that GitHub may
 * have carried out without saying so (a 5xx, a dropped connection) is not retried blindly: the
 * issue is first looked for by its marker. The same look-up first finds an issue that an earlier
 * run opened when that run's commit never landed.
 */
async function openIssueOnce(
  client: GithubClient,
  repo: RepoRef,
  label: string,
  incident: string,
  text: { title: string; body: string },
): Promise<{ number: number; found: boolean }> {
  const unit = client.backoffUnitMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, attempt * attempt * unit));
    const existing = await findIssue(client, repo, label, incident);
    if (existing !== undefined) return { number: existing, found: attempt === 0 };
    try {
      const { data } = await client.rest.issues.create({
        ...repo,
        ...text,
        labels: [label],
        request: { retries: 0 },
      });
      return { number: data.number, found: false };
    } catch (error) {
      const status = statusOf(error);
      const unsure = status === undefined || status >= 500;
      if (!unsure || attempt + 1 >= CREATE_ATTEMPTS) throw error;
    }
  }
}

/** The newest issue with the label whose marker names the incident; a failed look-up finds none. */
async function findIssue(
  client: GithubClient,
  repo: RepoRef,
  label: string,
  incident: string,
): Promise<number | undefined> {
  try {
    const { data } = await client.rest.issues.listForRepo({
      ...repo,
      labels: label,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: 100,
      request: { retries: 0 },
    });
    return data.find((issue) => readAutoMarker(issue.body) === incident)?.number;
  } catch {
    return undefined;
  }
}

/** The issue's text: the prober's first update, the page, and the mark the sync knows it by. */
function issueBody(data: IncidentData, link: string, id: string): string {
  return [
    ...updateParts(data.updates[0], ''),
    `Incident page: ${link}`,
    'Comments here by people who can push to this repository are posted on the status page as updates (start one with `Identified:`, `Monitoring:` or `Resolved:` to set the status). The prober comments and closes this issue when the checks pass again.',
    autoMarker(id),
  ].join('\n\n');
}

/**
 * An update as maintainers read it on GitHub: the customers' text, then what the checks saw
 * (`detail`), which the status page shows only collapsed. The detail may quote a third party (a
 * dependency's status page names itself and its components): in a code span, its links, images
 * and `@mentions` stay plain text.
 */
function updateParts(update: IncidentUpdateData | undefined, fallback: string): string[] {
  const detail = update?.detail;
  return [update?.text ?? fallback, ...(detail ? [`Technical detail: ${codeSpan(detail)}`] : [])];
}
