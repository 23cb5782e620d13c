/**
 * The incident file of a synced issue, rendered from what GitHub says and what the file already
 * holds. Updates taken from GitHub carry a `github` reference (`issue`, `comment/<id>`,
 * `closed/<id>`, `reopened/<id>`) and are rewritten from GitHub on every run; updates without one
 * (an editor's, the prober's) and the Markdown body are kept exactly as written. The same inputs
 * always give the same text, so a second run writes nothing.
 */
import { Document, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { Locale } from '../config/schema.ts';
import { INCIDENT_STATUSES, isResolvedStatus, type IncidentStatus } from '../status.ts';
import { readLabels } from './labels.ts';
import { readStatusWord } from './status-words.ts';

/** What GitHub says about one issue, already cut down to what authorised people wrote. */
export interface IssueTimeline {
  number: number;
  title: string;
  labels: readonly string[];
  /** The issue's body as the first update; absent when the incident is linked (see `mode`). */
  body?: { text: string; at: string };
  /** Comments by authorised people. */
  comments: readonly { id: number; text: string; at: string }[];
  /** Closes and reopens by authorised people. */
  events: readonly { id: number; kind: 'closed' | 'reopened'; at: string }[];
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
  mode: SyncMode;
  /** Component ids of the configuration. */
  components: ReadonlySet<string>;
  /** The site's language, for the texts of closes and reopens. */
  locale: Locale;
}

export type Rendered = { ok: true; text: string; notes: string[] } | { ok: false; problem: string };

/** Texts of the updates a close or a reopen adds, in the site's language. */
export const SYNC_TEXTS: Record<Locale, { closed: string; reopened: string }> = {
  en: {
    closed: 'This incident has been resolved.',
    reopened: 'This incident has been reopened; we are looking into it again.',
  },
  it: {
    closed: "L'incidente è stato risolto.",
    reopened: "L'incidente è stato riaperto: stiamo verificando di nuovo.",
  },
  fr: {
    closed: "L'incident est résolu.",
    reopened: "L'incident a été rouvert : nous enquêtons à nouveau.",
  },
};

/** Renders the file for an issue; a file that cannot be read is reported, never overwritten. */
export function renderIncidentFile(input: RenderInput): Rendered {
  const { timeline, mode } = input;
  const notes: string[] = [];
  let doc: Document;
  let rest = '\n';
  if (input.existing === undefined) {
    doc = new Document({});
  } else {
    const split = splitKeepingBody(input.existing);
    if (!split) return { ok: false, problem: 'the file has no front matter (--- … ---)' };
    doc = parseDocument(split.yaml);
    if (doc.errors.length) {
      return {
        ok: false,
        problem: `its front matter is not valid YAML: ${doc.errors[0]!.message}`,
      };
    }
    if (!isMap(doc.contents)) return { ok: false, problem: 'its front matter is not a mapping' };
    rest = split.rest || '\n';
  }

  if (mode === 'issue') {
    const labels = readLabels(timeline.labels, input.components);
    notes.push(...labels.skipped);
    setScalar(doc, 'title', timeline.title.trim() || `Issue #${timeline.number}`);
    setScalar(doc, 'impact', labels.impact);
    if (Object.keys(labels.components).length) {
      doc.set('components', doc.createNode(labels.components));
    } else if (doc.has('components')) {
      doc.delete('components');
    }
  }
  const existingUpdates = doc.get('updates', true);
  const seq: YAMLSeq = isSeq(existingUpdates) ? existingUpdates : doc.createNode([]);
  seq.items = mergeUpdates(doc, seq.items, timeline, input.locale);
  if (!isSeq(existingUpdates)) doc.set('updates', seq);
  if (mode === 'issue') setScalar(doc, 'source', 'github');
  setScalar(doc, 'github_issue', timeline.number);
  return { ok: true, text: `---\n${doc.toString({ lineWidth: 100 })}---${rest}`, notes };
}

/** An update in the merged timeline. */
interface Item {
  at: number;
  /** Where the update sits in the file now; Infinity when it is new. */
  position: number;
  /** Order among new updates at the same instant. */
  order: number;
  /** The node as written, for updates the sync does not own. */
  kept?: unknown;
  status?: IncidentStatus | undefined;
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
  doc: Document,
  nodes: readonly unknown[],
  timeline: IssueTimeline,
  locale: Locale,
): unknown[] {
  const positions = new Map<string, number>();
  const items: Item[] = [];
  nodes.forEach((node, position) => {
    const ref = isMap(node) ? node.get('github') : undefined;
    if (typeof ref === 'string') {
      if (!positions.has(ref)) positions.set(ref, position);
      return;
    }
    const at = isMap(node) ? node.get('at') : undefined;
    const status = isMap(node) ? node.get('status') : undefined;
    items.push({
      at: typeof at === 'string' ? Date.parse(at) : Number.NaN,
      position,
      order: 0,
      kept: node,
      status: (INCIDENT_STATUSES as readonly unknown[]).includes(status)
        ? (status as IncidentStatus)
        : undefined,
    });
  });
  let order = 0;
  const derive = (ref: string, at: string, text: string, event?: 'closed' | 'reopened'): void => {
    const reading = event ? { status: undefined, text: '' } : readStatusWord(text);
    items.push({
      at: Date.parse(at),
      position: positions.get(ref) ?? Number.POSITIVE_INFINITY,
      order: order++,
      derived: { ref, at, text: reading.text.replace(/\r\n?/g, '\n'), word: reading.status, event },
    });
  };
  if (timeline.body) derive('issue', timeline.body.at, timeline.body.text);
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
  const out: unknown[] = [];
  let previous: IncidentStatus | undefined;
  for (const item of items) {
    const d = item.derived;
    if (!d) {
      previous = item.status ?? previous;
      out.push(item.kept);
      continue;
    }
    let status: IncidentStatus;
    let text = d.text;
    if (d.event === 'closed') {
      // Closing resolves, unless the incident is resolved already (a "Resolved:" comment).
      if (previous && isResolvedStatus(previous)) continue;
      status = 'resolved';
      text = SYNC_TEXTS[locale].closed;
    } else if (d.event === 'reopened') {
      if (!previous || !isResolvedStatus(previous)) continue;
      status = 'investigating';
      text = SYNC_TEXTS[locale].reopened;
    } else {
      // Without a status word an update keeps the status before it.
      status = d.word ?? previous ?? 'investigating';
    }
    previous = status;
    out.push(doc.createNode({ at: d.at, status, github: d.ref, text }));
  }
  return out;
}

/** Sets a scalar, keeping the quoting an editor chose when the key exists. */
function setScalar(doc: Document, key: string, value: string | number): void {
  if (doc.get(key) !== value) doc.set(key, value);
}

function sortByTime<T extends { id: number; at: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
}

/** Front matter and everything after its closing fence, byte for byte. */
function splitKeepingBody(text: string): { yaml: string; rest: string } | undefined {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*$/m.exec(text);
  if (!match || match.index !== 0) return undefined;
  return { yaml: match[1]!, rest: text.slice(match[0].length) };
}
