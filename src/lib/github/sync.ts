/**
 * Issue-to-incident sync: every issue with the configured label, opened by someone who can push
 * to the repository, becomes `content/incidents/issue-<number>.md`; authorised comments become
 * updates, closing resolves, reopening reopens. Issues, comments and events by anyone else are
 * ignored and logged. Files are rewritten only when GitHub says something new.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.ts';
import { openIncident, readField } from '../content/incident-document.ts';
import { writeIncidentFile } from '../content/incident-files.ts';
import { ENTRY_FILE } from '../content/loader.ts';
import { ContentError, displayPath, formatProblem } from '../validation/friendly-errors.ts';
import type { GithubClient } from './client.ts';
import { describeError, statusOf } from './errors.ts';
import { readTemplates, type Template } from '../content/templates.ts';
import { templateText } from '../model/template-text.ts';
import { renderIncidentFile, type IssueTimeline, type SyncMode } from './incident-file.ts';
import { readIssueForm } from './form-template.ts';
import { readLabels } from './labels.ts';
import { readAutoMarker } from './marker.ts';
import { createPermissionCheck, type PermissionCheck } from './permissions.ts';
import type { RepoRef } from './repo-ref.ts';

/**
 * Issues read at once. GitHub asks integrators to send requests in series to stay clear of
 * secondary rate limits; three at a time keeps a full sync of a few hundred issues well under a
 * minute while staying far from them. (Writes are paced by octokit's throttling plugin.)
 */
export const SYNC_CONCURRENCY = 3;

/** Items per page when listing; GitHub's maximum, so a long list takes the fewest requests. */
export const PER_PAGE = 100;

export interface SyncOptions {
  client: GithubClient;
  repo: RepoRef;
  /** The content folder (holds `heliograph.yaml` and `incidents/`). */
  contentDir: string;
  config: Config;
  /** Sync this issue only (an issue or comment event names it); all labelled issues otherwise. */
  issue?: number | undefined;
  /** Decide and report, write nothing. */
  dryRun?: boolean;
  /** One line per thing worth knowing: files written, what was ignored and why. */
  log: (line: string) => void;
}

/** What a run did. */
export interface SyncReport {
  /** Labelled issues looked at. */
  issues: number;
  /** Files written (or that would be, in a dry run), as shown in the log. */
  written: string[];
  unchanged: number;
  ignored: { issues: number; comments: number; events: number };
  /** Issues that could not be synced, each with the reason. */
  failed: string[];
}

type Issue = Awaited<ReturnType<GithubClient['rest']['issues']['get']>>['data'];

/** Runs the sync; throws only when the issues cannot be listed at all. */
export async function syncIssues(options: SyncOptions): Promise<SyncReport> {
  const { client, repo, config } = options;
  const dir = join(options.contentDir, 'incidents');
  const components = new Set(config.components.map((c) => c.id));
  const report: SyncReport = {
    issues: 0,
    written: [],
    unchanged: 0,
    ignored: { issues: 0, comments: 0, events: 0 },
    failed: [],
  };
  const issues = await listIssues(options);
  report.issues = issues.length;
  const links = readLinks(dir);
  const mayPost = createPermissionCheck(client, repo);
  // A broken template is the editor command's to report; here the issue's body is used as written.
  const { templates } = readTemplates(options.contentDir, config.site.locale, components);
  const limit = pLimit(SYNC_CONCURRENCY);
  const gathered = await Promise.all(
    issues.map((issue) =>
      limit(async (): Promise<Gathered> => {
        try {
          return await gather(issue, { client, repo, mayPost, links, dir, config, templates });
        } catch (error) {
          return { number: issue.number, notes: [], failure: describeError(error) };
        }
      }),
    ),
  );

  // Applied one by one, in issue order, so that the log reads the same on every run.
  for (const g of gathered.sort((a, b) => a.number - b.number)) {
    const say = (line: string): void => options.log(`#${g.number}: ${line}`);
    g.notes.forEach(say);
    report.ignored.issues += g.ignored?.issues ?? 0;
    report.ignored.comments += g.ignored?.comments ?? 0;
    report.ignored.events += g.ignored?.events ?? 0;
    let outcome: Applied;
    if (g.failure !== undefined) outcome = { failed: `cannot read it from GitHub: ${g.failure}` };
    else if (g.target) outcome = apply(g.target, { components, options, say });
    else continue;
    if (outcome.failed !== undefined) {
      report.failed.push(`#${g.number}: ${outcome.failed}`);
      say(outcome.failed);
    } else if (outcome.written !== undefined) {
      report.written.push(outcome.written);
      say(`${options.dryRun ? 'would write' : 'wrote'} ${outcome.written}`);
    } else {
      report.unchanged++;
    }
  }
  return report;
}

/** What became of one issue's file: written (its path as shown), failed (why), or neither. */
interface Applied {
  written?: string;
  failed?: string;
}

/** Renders, validates and writes one issue's file; a file that would not be valid is not written. */
function apply(
  target: NonNullable<Gathered['target']>,
  ctx: { components: ReadonlySet<string>; options: SyncOptions; say: (line: string) => void },
): Applied {
  const path = join(ctx.options.contentDir, 'incidents', target.file);
  const shown = displayPath(path);
  const existing = readIfExists(path);
  const rendered = renderIncidentFile({
    timeline: target.timeline,
    existing,
    file: shown,
    mode: target.mode,
    components: ctx.components,
    locale: ctx.options.config.site.locale,
  });
  if (!rendered.ok) return { failed: `${shown} left as it is: ${rendered.problem}` };
  rendered.notes.forEach(ctx.say);
  let changed: boolean;
  try {
    changed = writeIncidentFile(
      { path, file: shown, components: ctx.components, dryRun: ctx.options.dryRun },
      rendered.text,
    );
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const problems = error.problems.map(formatProblem).join('\n');
    return { failed: `${shown} left as it is; it would not be valid:\n${problems}` };
  }
  return changed ? { written: shown } : {};
}

/** One issue as read from GitHub: where it goes and what authorised people said. */
interface Gathered {
  number: number;
  notes: string[];
  ignored?: { issues: number; comments: number; events: number };
  target?: { file: string; mode: SyncMode; timeline: IssueTimeline };
  failure?: string;
}

interface GatherContext {
  client: GithubClient;
  repo: RepoRef;
  mayPost: PermissionCheck;
  links: ReadonlyMap<number, Link>;
  dir: string;
  config: Config;
  templates: readonly Template[];
}

/**
 * Reads one issue: which file it goes to, whether its author may post, and what authorised people
 * said (comments, closes, reopens). Long, because it follows GitHub's pages in the order the
 * decisions need them, stopping as early as an issue is known to be skipped.
 */
async function gather(issue: Issue, ctx: GatherContext): Promise<Gathered> {
  const notes: string[] = [];
  const ignored = { issues: 0, comments: 0, events: 0 };
  const out: Gathered = { number: issue.number, notes, ignored };
  const at = ctx.repo;
  const link = ctx.links.get(issue.number);
  let mode: SyncMode = 'issue';
  let file = `issue-${issue.number}.md`;
  const autoId = readAutoMarker(issue.body);
  if (link) {
    file = link.file;
    mode = link.source === 'github' ? 'issue' : 'linked';
  } else if (autoId) {
    // The prober opened it; its file names the issue once the probe run is committed.
    if (!readIfExists(join(ctx.dir, `${autoId}.md`))) {
      notes.push(`opened by the prober for incident ${autoId}, which has no file here; skipped`);
      return out;
    }
    file = `${autoId}.md`;
    mode = 'linked';
  }
  const into = mergedInto(join(ctx.dir, file));
  if (into !== undefined) {
    // Its updates live in the incident it joined; writing the file again would bring it back.
    notes.push(`${file} was merged into ${into}; not synced (post on that incident instead)`);
    return out;
  }
  if (mode === 'issue') {
    const author = await ctx.mayPost(issue.user?.login);
    if (!author.allowed) {
      ignored.issues++;
      notes.push(`ignored: opened by ${who(issue.user?.login)} (${author.role}), who may not post`);
      return out;
    }
  }

  const comments: IssueTimeline['comments'][number][] = [];
  if (issue.comments > 0) {
    const list = await ctx.client.paginate(ctx.client.rest.issues.listComments, {
      ...at,
      issue_number: issue.number,
      per_page: PER_PAGE,
    });
    for (const c of list) {
      // The prober's own comments repeat an update its incident file already has.
      if (readAutoMarker(c.body)) continue;
      const author = await ctx.mayPost(c.user?.login);
      if (!author.allowed) {
        ignored.comments++;
        notes.push(`ignored comment ${c.id} by ${who(c.user?.login)} (${author.role})`);
        continue;
      }
      comments.push({ id: c.id, text: c.body ?? '', at: c.created_at });
    }
  }

  // Closes and reopens are read only for issues that have had one.
  const events: IssueTimeline['events'][number][] = [];
  if (issue.state === 'closed' || issue.state_reason === 'reopened') {
    const list = await ctx.client.paginate(ctx.client.rest.issues.listEvents, {
      ...at,
      issue_number: issue.number,
      per_page: PER_PAGE,
    });
    for (const e of list) {
      if (e.event !== 'closed' && e.event !== 'reopened') continue;
      const actor = await ctx.mayPost(e.actor?.login);
      if (!actor.allowed) {
        ignored.events++;
        notes.push(
          `ignored ${e.event === 'closed' ? 'close' : 'reopen'} by ${who(e.actor?.login)} (${actor.role})`,
        );
        continue;
      }
      events.push({ id: e.id, kind: e.event, at: e.created_at });
    }
  }

  const labels = labelNames(issue);
  const form = mode === 'issue' ? fromForm(issue.body ?? '', labels, ctx, notes) : undefined;
  out.target = {
    file,
    mode,
    timeline: {
      number: issue.number,
      title: issue.title,
      labels,
      ...(form ? { body: { text: form.text, at: issue.created_at }, defaults: form.defaults } : {}),
      comments,
      events,
    },
  };
  return out;
}

/**
 * The first update of an issue opened with the incident form: its message, or the words of the
 * template it chose (filled for the components its labels, or else the template, name); the
 * template's impact and components apply where no label says otherwise.
 */
function fromForm(
  body: string,
  labels: readonly string[],
  ctx: GatherContext,
  notes: string[],
): { text: string; defaults?: IssueTimeline['defaults'] } {
  const form = readIssueForm(body);
  if (form.template === undefined) return { text: form.message };
  const template = ctx.templates.find((t) => t.name === form.template);
  if (!template) {
    notes.push(`template "${form.template}" is not in templates/; the message is used as written`);
    return { text: form.message };
  }
  const known = new Set(ctx.config.components.map((c) => c.id));
  const labelled = readLabels(labels, known).components;
  const affected = Object.keys(labelled).length ? labelled : (template.components ?? {});
  return {
    text: form.message || templateText(ctx.config, template.message, affected),
    defaults: { impact: template.impact, components: template.components },
  };
}

/** The labelled issues (pull requests left out), or the one issue asked for. */
async function listIssues(options: SyncOptions): Promise<Issue[]> {
  const { client, repo } = options;
  const label = options.config.github.label;
  if (options.issue !== undefined) {
    let issue: Issue;
    try {
      ({ data: issue } = await client.rest.issues.get({ ...repo, issue_number: options.issue }));
    } catch (error) {
      if (statusOf(error) === 404) {
        options.log(
          `#${options.issue}: no such issue in ${repo.owner}/${repo.repo}; nothing to do`,
        );
        return [];
      }
      throw new Error(`cannot read issue #${options.issue} of ${repo.owner}/${repo.repo}`, {
        cause: error,
      });
    }
    if (issue.pull_request) return [];
    if (!labelNames(issue).some((name) => name.toLowerCase() === label.toLowerCase())) {
      options.log(`#${issue.number}: no label "${label}"; nothing to do`);
      return [];
    }
    return [issue];
  }
  try {
    const list = await client.paginate(client.rest.issues.listForRepo, {
      ...repo,
      labels: label,
      state: 'all',
      per_page: PER_PAGE,
    });
    // The issues endpoint lists pull requests too; a labelled one is not an incident.
    return list.filter((issue) => !issue.pull_request);
  } catch (error) {
    throw new Error(`cannot list the issues labelled "${label}" in ${repo.owner}/${repo.repo}`, {
      cause: error,
    });
  }
}

/** An incident file that names an issue in `github_issue`. */
interface Link {
  file: string;
  source: unknown;
}

/**
 * Incident files by the issue they name. A file the sync wrote keeps its name; a prober's file
 * (or an editor's) that names an issue is where that issue's comments go.
 */
function readLinks(dir: string): Map<number, Link> {
  const links = new Map<number, Link>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return links;
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
  for (const name of names) {
    if (!ENTRY_FILE.test(name)) continue;
    const opened = openIncident(readFileSync(join(dir, name), 'utf8'), name);
    // A broken file is reported by the build; here it simply names no issue.
    if (!opened.ok) continue;
    const issue = readField(opened.data, 'github_issue');
    const source = readField(opened.data, 'source');
    if (typeof issue !== 'number') continue;
    // Two files naming one issue: the sync's own `issue-<n>.md` wins, then the first by name.
    if (!links.has(issue) || name === `issue-${issue}.md`) links.set(issue, { file: name, source });
  }
  return links;
}

/** The incident a file was merged into, if it was; a file that is missing or unreadable names none. */
function mergedInto(path: string): string | undefined {
  const text = readIfExists(path);
  if (text === undefined) return undefined;
  const opened = openIncident(text, path);
  const into = opened.ok ? readField(opened.data, 'merged_into') : undefined;
  return typeof into === 'string' ? into : undefined;
}

function labelNames(issue: Pick<Issue, 'labels'>): string[] {
  return issue.labels
    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
    .filter((name) => name !== '');
}

function who(login: string | undefined): string {
  return login ? `@${login}` : 'a deleted account';
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}`, { cause: error });
  }
}
