/**
 * The incident file of a synced issue, rendered from what GitHub says and what the file already
 * holds. Updates taken from GitHub carry a `github` reference (`issue`, `comment/<id>`,
 * `closed/<id>`, `reopened/<id>`) and are rewritten from GitHub on every run — except those
 * `held`: accepted earlier from someone who may no longer post, they stay exactly as the file has
 * them. Updates without a reference (an editor's, the prober's) and the Markdown body are kept
 * exactly as written. A template chosen in the form fills the incident when its file is first
 * written; once written, the file keeps what the template gave (its words, impact and components),
 * so that a template edited later changes no incident already published. The same inputs always
 * give the same text, so a second run writes nothing.
 */
import type { Locale } from '../config/schema.ts';
import {
  emptyIncident,
  incidentText,
  newUpdate,
  openIncident,
  readField,
  readUpdates,
  setField,
  writeUpdates,
  type DocumentUpdate,
  type IncidentDocument,
} from '../content/incident-document.ts';
import { affectedSchema } from '../content/incident-schema.ts';
import { messages } from '../i18n/messages.ts';
import {
  isImpact,
  isResolvedStatus,
  type HealthStatus,
  type Impact,
  type IncidentStatus,
} from '../status.ts';
import { formatProblem } from '../validation/friendly-errors.ts';
import { readLabels } from './labels.ts';
import { readStatusWord } from './status-words.ts';

/** What GitHub says about one issue, already cut down to what authorised people wrote. */
export interface IssueTimeline {
  number: number;
  /**
   * The issue's own facts: its title, and the labels (and form answers, as labels) that count.
   * Absent when the incident is linked (see `mode`), and when the issue's author may no longer
   * post: the file then keeps the title, impact and components it has.
   */
  head?: {
    title: string;
    labels: readonly string[];
    /** What the template chosen in the form gives, where no label or answer says otherwise. */
    defaults?:
      | { impact?: Impact | undefined; components?: Record<string, HealthStatus> | undefined }
      | undefined;
  };
  /**
   * The issue's body as the first update; absent when linked or held. `status`: the update's
   * status when its text starts with no status word (a template's), else `investigating`.
   */
  body?: {
    text: string;
    at: string;
    status?: IncidentStatus | undefined;
    /** The words are a template's, the form's being empty. */
    fromTemplate?: boolean | undefined;
  };
  /** Comments by authorised people. */
  comments: readonly { id: number; text: string; at: string }[];
  /** Closes and reopens by authorised people. */
  events: readonly { id: number; kind: 'closed' | 'reopened'; at: string }[];
  /**
   * References of updates accepted earlier whose authors may no longer post (`issue`,
   * `comment/<id>`…): the file's update is kept as it is, and nothing newer is taken from them.
   */
  held?: readonly string[];
}

/**
 * `issue`: the issue is the incident (`source: github`); it owns the title, impact, components
 * and first update. `linked`: an incident written elsewhere (by the prober) that names the issue
 * in `github_issue`; only comments, closes and reopens are added to it.
 */
export type SyncMode = 'issue' | 'linked';

export interface RenderInput {
  timeline: IssueTimeline;
  /** The file as it is now; undefined when there is none yet. */
  existing: string | undefined;
  /** The file's path as problems show it. */
  file: string;
  mode: SyncMode;
  /** Component ids of the configuration. */
  components: ReadonlySet<string>;
  /** The site's language, for the texts of closes and reopens. */
  locale: Locale;
}

export type Rendered = { ok: true; text: string; notes: string[] } | { ok: false; problem: string };

/** Renders the file for an issue; a file that cannot be read is reported, never overwritten. */
export function renderIncidentFile(input: RenderInput): Rendered {
  const { timeline, mode } = input;
  const notes: string[] = [];
  let doc: IncidentDocument = emptyIncident();
  if (input.existing !== undefined) {
    const opened = openIncident(input.existing, input.file);
    if (!opened.ok) {
      const problems = opened.problems.map(formatProblem).join('\n');
      return { ok: false, problem: `it cannot be read:\n${problems}` };
    }
    doc = opened.data;
  }

  const head = mode === 'issue' ? timeline.head : undefined;
  // What a template gave is the file's once the file is written.
  const written = input.existing !== undefined;
  if (head) {
    const defaults = head.defaults && written ? writtenDefaults(doc) : head.defaults;
    const labels = readLabels(head.labels, input.components, defaults?.impact);
    notes.push(...labels.skipped);
    setField(doc, 'title', head.title.trim() || `Issue #${timeline.number}`);
    setField(doc, 'impact', labels.impact);
    const affected = Object.keys(labels.components).length
      ? labels.components
      : defaults?.components;
    setField(doc, 'components', affected);
  }
  writeUpdates(doc, mergeUpdates(doc, keptFirstWords(timeline, written), input.locale));
  if (mode === 'issue') setField(doc, 'source', 'github');
  setField(doc, 'github_issue', timeline.number);
  return { ok: true, text: incidentText(doc), notes };
}

/**
 * The timeline, with a template's words for the first update left out once the file is written:
 * its `issue` update is then held, kept as the file has it.
 */
function keptFirstWords(timeline: IssueTimeline, written: boolean): IssueTimeline {
  if (!written || timeline.body?.fromTemplate !== true) return timeline;
  const kept: IssueTimeline = { ...timeline, held: [...(timeline.held ?? []), 'issue'] };
  delete kept.body;
  return kept;
}

/** The impact and components a written file holds, in place of a template's. */
function writtenDefaults(doc: IncidentDocument): NonNullable<IssueTimeline['head']>['defaults'] {
  const impact = readField(doc, 'impact');
  const components = affectedSchema.safeParse(readField(doc, 'components'));
  return {
    impact: typeof impact === 'string' && isImpact(impact) ? impact : undefined,
    components: components.success ? components.data : undefined,
  };
}

/** An update in the merged timeline. */
interface Item {
  at: number;
  /** Where the update sits in the file now; Infinity when it is new. */
  position: number;
  /** Order among new updates at the same instant. */
  order: number;
  /** The update as written, for updates the sync does not own. */
  kept?: DocumentUpdate;
  derived?: {
    ref: string;
    at: string;
    text: string;
    /** The leading status word, or the event's effect. */
    word: IncidentStatus | undefined;
    event?: 'closed' | 'reopened' | undefined;
  };
}

/** The file's updates without the sync's old ones, with GitHub's current ones, in time order. */
function mergeUpdates(
  doc: IncidentDocument,
  timeline: IssueTimeline,
  locale: Locale,
): DocumentUpdate[] {
  const texts = messages(locale).incidentText;
  const positions = new Map<string, number>();
  const items: Item[] = [];
  const held = new Set(timeline.held);
  readUpdates(doc).forEach((update, position) => {
    if (update.github !== undefined && !held.has(update.github)) {
      if (!positions.has(update.github)) positions.set(update.github, position);
      return;
    }
    items.push({ at: update.at, position, order: 0, kept: update });
  });
  let order = 0;
  const derive = (
    ref: string,
    at: string,
    text: string,
    event?: 'closed' | 'reopened',
    status?: IncidentStatus,
  ): void => {
    const reading = event ? { status: undefined, text: '' } : readStatusWord(text);
    items.push({
      at: Date.parse(at),
      position: positions.get(ref) ?? Number.POSITIVE_INFINITY,
      order: order++,
      derived: {
        ref,
        at,
        text: reading.text.replace(/\r\n?/g, '\n'),
        word: reading.status ?? status,
        event,
      },
    });
  };
  const body = timeline.body;
  if (body) derive('issue', body.at, body.text, undefined, body.status);
  for (const c of sortByTime(timeline.comments)) derive(`comment/${c.id}`, c.at, c.text);
  for (const e of sortByTime(timeline.events)) derive(`${e.kind}/${e.id}`, e.at, '', e.kind);

  // Updates whose time cannot be read (an editor's typo) keep their place at the end; the
  // content schema reports them.
  items.sort(
    (a, b) =>
      (Number.isNaN(a.at) ? Infinity : a.at) - (Number.isNaN(b.at) ? Infinity : b.at) ||
      a.position - b.position ||
      a.order - b.order,
  );
  const out: DocumentUpdate[] = [];
  let previous: IncidentStatus | undefined;
  for (const item of items) {
    const d = item.derived;
    if (!d) {
      previous = item.kept?.status ?? previous;
      if (item.kept) out.push(item.kept);
      continue;
    }
    let status: IncidentStatus;
    let text = d.text;
    if (d.event === 'closed') {
      // Closing resolves, unless the incident is resolved already (a "Resolved:" comment).
      if (previous && isResolvedStatus(previous)) continue;
      status = 'resolved';
      text = texts.resolved;
    } else if (d.event === 'reopened') {
      if (!previous || !isResolvedStatus(previous)) continue;
      status = 'investigating';
      text = texts.reopened;
    } else {
      // Without a status word an update keeps the status before it.
      status = d.word ?? previous ?? 'investigating';
    }
    previous = status;
    out.push(newUpdate(doc, { at: d.at, status, github: d.ref, text }));
  }
  return out;
}

function sortByTime<T extends { id: number; at: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
}
