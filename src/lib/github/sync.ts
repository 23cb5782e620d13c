/**
 * Issue-to-incident sync: every issue with the configured label, opened and labelled by people
 * who can push to the repository, becomes `content/incidents/issue-<number>.md`; authorised
 * comments become updates, closing resolves, reopening reopens; an issue opened with the incident
 * form (issue-form.ts) gives its impact and components as labels would, and the template it chose
 * (content/templates/) its words, impact and components where nothing else says. Labels count only when
 * someone who may post applied them. Issues, comments, labels and events by anyone else are
 * ignored and logged. What was accepted stays: when a person loses access, the updates already
 * taken from them are kept as the file has them, and only their new words are refused. Text from
 * GitHub is cleaned (text/clean.ts) as it comes in. Files are rewritten only when GitHub says
 * something new.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.ts';
import { openIncident, readField, readUpdates } from '../content/incident-document.ts';
import { writeIncidentFile } from '../content/incident-files.ts';
import { ENTRY_FILE } from '../content/loader.ts';
import { readTemplates, type Template } from '../content/templates.ts';
import {
  CONTENT_LIMITS,
  ContentFileError,
  readContentText,
  readContentTextIfExists,
  type ContentFileOptions,
} from '../fs/content-file.ts';
import { templateText } from '../model/template-text.ts';
import { cleanText } from '../text/clean.ts';
import {
  ContentError,
  displayPath,
  formatProblem,
  type Problem,
} from '../validation/friendly-errors.ts';
import type { GithubClient } from './client.ts';
import { describeError, statusOf } from './errors.ts';
import { renderIncidentFile, type IssueTimeline, type SyncMode } from './incident-file.ts';
import { readIssueForm, type IssueFormReading } from './issue-form.ts';
import { isFactLabel, readLabels } from './labels.ts';
import { readAutoMarker } from './marker.ts';
import { createPermissionCheck, WORKFLOW_LOGINS, type PermissionCheck } from './permissions.ts';
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
  const reading: ContentFileOptions = { within: options.contentDir, limit: CONTENT_LIMITS.entry };
  const links = readLinks(dir, reading);
  const mayPost = createPermissionCheck(client, repo);
  // A template with a problem is the editor command's to report; here it is named when chosen.
  const templates = readTemplates(options.contentDir, config.site.locale, components);
  const limit = pLimit(SYNC_CONCURRENCY);
  const gathered = await Promise.all(
    issues.map((issue) =>
      limit(async (): Promise<Gathered> => {
        try {
          return await gather(issue, {
            client,
            repo,
            mayPost,
            links,
            dir,
            reading,
            label: config.github.label,
            components: config.components,
            config,
            templates,
          });
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
  let existing: string | undefined;
  try {
    existing = readContentTextIfExists(path, {
      within: ctx.options.contentDir,
      limit: CONTENT_LIMITS.entry,
    });
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    return { failed: `${shown} left as it is: ${error.reason}` };
  }
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
  /** How incident files are read (the content folder, the size limit). */
  reading: ContentFileOptions;
  /** The configured incident label. */
  label: string;
  /** The configuration's components, whose names and ids the issue form offers. */
  components: Config['components'];
  /** The configuration, whose components and channels fill a template's placeholders. */
  config: Config;
  /** The site's templates, and the problems of those that cannot be read. */
  templates: { templates: readonly Template[]; problems: readonly Problem[] };
}

type Comment = Awaited<ReturnType<GithubClient['rest']['issues']['listComments']>>['data'][number];
type Event = Awaited<ReturnType<GithubClient['rest']['issues']['listEvents']>>['data'][number];

/**
 * Reads one issue and decides what of it counts. Long because each step is one authorisation rule
 * of docs/security.md ("Who can do what through GitHub"), in the order the rules apply.
 */
async function gather(issue: Issue, ctx: GatherContext): Promise<Gathered> {
  const notes: string[] = [];
  const ignored = { issues: 0, comments: 0, events: 0 };
  const out: Gathered = { number: issue.number, notes, ignored };
  const place = await placeOf(issue, ctx);
  if ('skip' in place) {
    if (place.ignored) ignored.issues++;
    notes.push(place.skip);
    return out;
  }
  const { file, mode } = place;
  const into = mergedInto(join(ctx.dir, file), ctx.reading);
  if (into !== undefined) {
    // Its updates live in the incident it joined; writing the file again would bring it back.
    notes.push(`${file} was merged into ${into}; not synced (post on that incident instead)`);
    return out;
  }
  // Updates the file already has from this issue: accepted once, they stay when access is lost.
  const accepted = ctx.links.get(issue.number)?.refs ?? new Set<string>();
  const held: string[] = [];
  let ownWords = mode === 'issue';
  const login = issue.user?.login;
  if (mode === 'issue') {
    const author = await ctx.mayPost(login);
    if (!author.allowed && !accepted.has('issue')) {
      ignored.issues++;
      notes.push(`ignored: opened by ${who(login)} (${author.role}), who may not post`);
      return out;
    }
    if (!author.allowed) {
      ownWords = false;
      held.push('issue');
      notes.push(
        `opened by ${who(login)} (${author.role}), who may no longer post: its title, impact, components and first update stay as the file has them`,
      );
    }
  }

  // Labels are read from the events (who applied each); closes and reopens too.
  const events =
    mode === 'issue' || issue.state === 'closed' || issue.state_reason === 'reopened'
      ? await ctx.client.paginate(ctx.client.rest.issues.listEvents, {
          ...ctx.repo,
          issue_number: issue.number,
          per_page: PER_PAGE,
        })
      : [];
  let labels: string[] = [];
  if (ownWords) {
    const read = await labelsThatCount(issue, events, ctx);
    notes.push(...read.notes);
    if (!ctx.links.has(issue.number) && read.incident !== undefined) {
      ignored.issues++;
      notes.push(`ignored: ${read.incident}`);
      return out;
    }
    labels = read.labels;
  }

  const comments: IssueTimeline['comments'][number][] = [];
  const list: Comment[] =
    issue.comments > 0
      ? await ctx.client.paginate(ctx.client.rest.issues.listComments, {
          ...ctx.repo,
          issue_number: issue.number,
          per_page: PER_PAGE,
        })
      : [];
  for (const c of list) {
    // The prober's own comments repeat an update its incident file already has.
    if (readAutoMarker(c.body)) continue;
    const ref = `comment/${c.id}`;
    const author = await ctx.mayPost(c.user?.login);
    if (author.allowed) {
      comments.push({ id: c.id, text: cleanText(c.body ?? ''), at: c.created_at });
    } else if (accepted.has(ref)) {
      held.push(ref);
      notes.push(
        `kept comment ${c.id} by ${who(c.user?.login)} (${author.role}) as accepted before; its later edits are not taken`,
      );
    } else {
      ignored.comments++;
      notes.push(`ignored comment ${c.id} by ${who(c.user?.login)} (${author.role})`);
    }
  }

  const closes: IssueTimeline['events'][number][] = [];
  for (const e of events) {
    if (e.event !== 'closed' && e.event !== 'reopened') continue;
    const ref = `${e.event}/${e.id}`;
    const what = e.event === 'closed' ? 'close' : 'reopen';
    const actor = await ctx.mayPost(e.actor?.login);
    if (actor.allowed) {
      closes.push({ id: e.id, kind: e.event, at: e.created_at });
    } else if (accepted.has(ref)) {
      held.push(ref);
      notes.push(`kept ${what} by ${who(e.actor?.login)} (${actor.role}) as accepted before`);
    } else {
      ignored.events++;
      notes.push(`ignored ${what} by ${who(e.actor?.login)} (${actor.role})`);
    }
  }

  // An issue opened with the form: its choices count as labels, its last field is the update, and
  // the template it chose fills what was left empty.
  const body = cleanText(issue.body ?? '');
  const form = ownWords ? readIssueForm(body, ctx.components) : undefined;
  if (form) notes.push(...form.skipped);
  const facts = [...labels, ...(form?.labels ?? [])];
  const start = form ? fromTemplate(form, facts, ctx, notes) : undefined;
  out.target = {
    file,
    mode,
    timeline: {
      number: issue.number,
      ...(ownWords
        ? {
            head: { title: cleanText(issue.title), labels: facts, defaults: start?.defaults },
            body: {
              text: start?.text ?? form?.text ?? body,
              at: issue.created_at,
              status: start?.status,
              fromTemplate: start !== undefined && !form?.text,
            },
          }
        : {}),
      comments,
      events: closes,
      held,
    },
  };
  return out;
}

/** What the template chosen in the form gives the incident. */
interface TemplateStart {
  /** The first update's words: the form's, else the template's filled for the components. */
  text: string;
  status: Template['status'];
  defaults: NonNullable<NonNullable<IssueTimeline['head']>['defaults']>;
}

/**
 * The template chosen in the form, applied: its message filled for the components the labels and
 * answers name (or else its own), unless the form gives words of its own; its impact, components
 * and status where nothing else says. Undefined when none was chosen or it cannot be used (noted).
 */
function fromTemplate(
  form: IssueFormReading,
  facts: readonly string[],
  ctx: GatherContext,
  notes: string[],
): TemplateStart | undefined {
  const name = form.template;
  if (name === undefined) return undefined;
  const template = ctx.templates.templates.find((t) => t.name === name);
  if (!template) {
    const problem = ctx.templates.problems.find((p) => p.file.endsWith(`/${name}.md`));
    notes.push(
      problem
        ? `form: template "${name}" cannot be used (${formatProblem(problem)}); the words are used as written`
        : `form: template "${name}" is not in templates/; the words are used as written`,
    );
    return undefined;
  }
  const known = new Set(ctx.components.map((c) => c.id));
  const named = readLabels(facts, known).components;
  const affected = Object.keys(named).length ? named : (template.components ?? {});
  return {
    text: form.text || templateText(ctx.config, template.message, affected),
    status: template.status,
    defaults: { impact: template.impact, components: template.components },
  };
}

/** Where an issue's updates go, or why they go nowhere (`ignored`: counted as an ignored issue). */
type Place = { file: string; mode: SyncMode } | { skip: string; ignored: boolean };

/**
 * The file an issue is synced into: the one that names it, else the prober's incident its mark
 * names, else its own `issue-<n>.md`. A mark links only an issue its author could have posted: a
 * mark is plain text that anyone can paste into an issue of theirs.
 */
async function placeOf(issue: Issue, ctx: GatherContext): Promise<Place> {
  const link = ctx.links.get(issue.number);
  if (link) return { file: link.file, mode: link.source === 'github' ? 'issue' : 'linked' };
  const autoId = readAutoMarker(issue.body);
  if (!autoId) return { file: `issue-${issue.number}.md`, mode: 'issue' };
  const login = issue.user?.login;
  const author = await ctx.mayPost(login);
  if (!author.allowed && !WORKFLOW_LOGINS.has(login ?? '')) {
    return {
      skip: `ignored: it carries the mark of incident ${autoId}, but ${who(login)} (${author.role}) opened it, who may not post`,
      ignored: true,
    };
  }
  // The prober opened it; its file names the issue once the probe run is committed.
  if (!readContentTextIfExists(join(ctx.dir, `${autoId}.md`), ctx.reading)) {
    return {
      skip: `opened by the prober for incident ${autoId}, which has no file here; skipped`,
      ignored: false,
    };
  }
  return { file: `${autoId}.md`, mode: 'linked' };
}

/** The fact labels that count, and why the incident label does not (when it does not). */
interface LabelReading {
  /** `impact:…` and `component:…` labels applied by people who may post. */
  labels: string[];
  /** Why the incident label does not count; undefined when it does. */
  incident: string | undefined;
  notes: string[];
}

/**
 * Labels count only when someone who may post applied them: a triager (or anyone GitHub lets
 * label) can add a label, but not set an incident's impact or components, nor make an issue an
 * incident. Who applied a label is the actor of its last `labeled` event; a label with none
 * (renamed since, say) counts once someone who may post applies it again.
 */
async function labelsThatCount(
  issue: Issue,
  events: readonly Event[],
  ctx: GatherContext,
): Promise<LabelReading> {
  const by = new Map<string, string | undefined>();
  const ordered = [...events].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id,
  );
  for (const e of ordered) {
    if (e.event !== 'labeled' && e.event !== 'unlabeled') continue;
    const name = 'label' in e ? e.label.name.toLowerCase() : undefined;
    if (name === undefined) continue;
    if (e.event === 'labeled') by.set(name, e.actor?.login);
    else if (e.event === 'unlabeled') by.delete(name);
  }
  const reading: LabelReading = { labels: [], incident: undefined, notes: [] };
  for (const name of labelNames(issue)) {
    const key = name.toLowerCase();
    const isIncident = key === ctx.label.toLowerCase();
    if (!isIncident && !isFactLabel(name)) continue;
    let refusal: string | undefined;
    if (!by.has(key)) refusal = `label "${name}" has no record of who applied it`;
    else {
      const login = by.get(key);
      const labeller = await ctx.mayPost(login);
      if (!labeller.allowed)
        refusal = `label "${name}" was applied by ${who(login)} (${labeller.role}), who may not post`;
    }
    if (refusal === undefined) {
      if (!isIncident) reading.labels.push(name);
    } else if (isIncident) reading.incident = refusal;
    else reading.notes.push(`${refusal}; it does not count`);
  }
  return reading;
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
  /** The `github` references of its updates: what was accepted from the issue so far. */
  refs: ReadonlySet<string>;
}

/**
 * Incident files by the issue they name. A file the sync wrote keeps its name; a prober's file
 * (or an editor's) that names an issue is where that issue's comments go.
 */
function readLinks(dir: string, reading: ContentFileOptions): Map<number, Link> {
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
    let text: string;
    try {
      text = readContentText(join(dir, name), reading);
    } catch (error) {
      // A refused file is reported by the build; here it simply names no issue.
      if (error instanceof ContentFileError) continue;
      throw error;
    }
    const opened = openIncident(text, name);
    // A broken file is reported by the build; here it simply names no issue.
    if (!opened.ok) continue;
    const issue = readField(opened.data, 'github_issue');
    const source = readField(opened.data, 'source');
    if (typeof issue !== 'number') continue;
    const refs = new Set(readUpdates(opened.data).flatMap((u) => (u.github ? [u.github] : [])));
    // Two files naming one issue: the sync's own `issue-<n>.md` wins, then the first by name.
    if (!links.has(issue) || name === `issue-${issue}.md`)
      links.set(issue, { file: name, source, refs });
  }
  return links;
}

/** The incident a file was merged into (`merged_into`), if it was. */
function mergedInto(path: string, reading: ContentFileOptions): string | undefined {
  const text = readContentTextIfExists(path, reading);
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
