/**
 * Feed entries: one per incident update, so that "Resolved" reaches readers as news, and one per
 * maintenance announcement and update. An entry depends only on its own update (and its incident's
 * title), so adding an update adds one entry and leaves the others as they were. Its id is the
 * update's permalink, which never changes once published.
 *
 * A large site has tens of thousands of entries and its feeds show a few hundred of them: an
 * entry's content (its HTML with absolute links, its plain text) is made only when a feed takes
 * it, and then once.
 */
import type { Formatter } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import { markdownToText } from '../markdown.ts';
import type { Incident } from '../model/incident.ts';
import type { Maintenance } from '../model/maintenance.ts';
import type { SiteModel } from '../model/site.ts';
import { paths } from '../paths.ts';
import { announcedAt } from '../statuspage/maintenance.ts';
import { absoluteHtml, escapeHtml } from './absolute-html.ts';

/** One entry, in every feed format alike. */
export interface FeedEntry {
  /** The update's permalink (page URL and the update's anchor); the page URL for an announcement. */
  id: string;
  /** Where the entry is read on the site (the same URL as the id). */
  url: string;
  /** "Resolved: Website errors overnight". */
  title: string;
  /** Sanitized HTML with absolute URLs. */
  html: string;
  /** The same as plain text, for summaries. */
  text: string;
  /** When the update was posted. */
  at: number;
  /** Ids of the components the entry concerns, for component feeds. */
  components: string[];
}

/** An entry as sorting and choosing need it; `content()` makes its HTML and text, once. */
export interface PendingEntry extends Omit<FeedEntry, 'html' | 'text'> {
  content: () => Pick<FeedEntry, 'html' | 'text'>;
}

/** What the entries are made from: the model, its words and formats, and absolute URLs. */
export interface FeedContext {
  site: SiteModel;
  t: Messages;
  fmt: Formatter;
  /** The absolute URL of a site path. */
  url: (path: string) => string;
}

const computed = new WeakMap<FeedContext, PendingEntry[]>();

/**
 * Every entry of the site, newest first (ties by id, so the order never depends on input order).
 * Computed once per context: the site's feed and every component's share them.
 */
export function feedEntries(ctx: FeedContext): PendingEntry[] {
  let entries = computed.get(ctx);
  if (!entries) {
    entries = [
      ...ctx.site.incidents.flatMap((i) => incidentEntries(ctx, i)),
      ...ctx.site.maintenances.flatMap((m) => maintenanceEntries(ctx, m)),
    ]
      // News is what has happened: nothing dated after the build (models publish nothing ahead;
      // this keeps it so whatever a model adds).
      .filter((e) => e.at <= ctx.site.now)
      .sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
    computed.set(ctx, entries);
  }
  return entries;
}

function incidentEntries(ctx: FeedContext, incident: Incident): PendingEntry[] {
  const page = ctx.url(paths.incident(incident.id));
  const components = incident.components.map((c) => c.id);
  return incident.updates.map((u) => {
    const status = ctx.t.incidentStatus[u.status];
    // An update a merge brought in keeps the id it was published with (its first page's
    // permalink), so readers do not get it again as news; it is read on the merged page.
    const first = u.mergedFrom === null ? page : ctx.url(paths.incident(u.mergedFrom));
    return {
      id: `${first}#${u.id}`,
      url: `${page}#${u.id}`,
      title: `${status}: ${incident.title}`,
      content: once(() => ({
        html: u.html ? absoluteHtml(u.html, page) : `<p>${escapeHtml(status)}</p>`,
        text: markdownToText(u.markdown) || status,
      })),
      at: u.at,
      components,
    };
  });
}

function maintenanceEntries(ctx: FeedContext, m: Maintenance): PendingEntry[] {
  const { t, fmt } = ctx;
  const page = ctx.url(paths.maintenance(m.id));
  const names = m.components
    .map((id) => ctx.site.components.find((c) => c.id === id)?.name ?? id)
    .join(', ');
  const window = `${fmt.dateTime(m.scheduledFor)} – ${fmt.dateTime(m.scheduledUntil)}`;
  const facts = `${t.window}: ${window}. ${t.componentsUnderMaintenance}: ${names}.`;
  const announcement: PendingEntry = {
    id: page,
    url: page,
    title: `${t.maintenanceStatus.scheduled}: ${m.title}`,
    content: once(() => ({
      html: `<p>${escapeHtml(facts)}</p>${absoluteHtml(m.html, page)}`,
      text: `${facts} ${markdownToText(m.markdown)}`.trim(),
    })),
    at: announcedAt(m),
    components: m.components,
  };
  // The clock's own news: the window opening and closing (see Maintenance.clockEvents).
  const clock = m.clockEvents.map((e) => ({
    id: `${page}#${e.id}`,
    url: `${page}#${e.id}`,
    title: `${t.maintenanceStatus[e.status]}: ${m.title}`,
    content: once(() => ({
      html: `<p>${escapeHtml(t.clockEvent[e.status])} ${escapeHtml(facts)}</p>`,
      text: `${t.clockEvent[e.status]} ${facts}`,
    })),
    at: e.at,
    components: m.components,
  }));
  return [
    announcement,
    ...clock,
    ...m.updates.map((u) => {
      const status = t.maintenanceStatus[u.status];
      return {
        id: `${page}#${u.id}`,
        url: `${page}#${u.id}`,
        title: `${status}: ${m.title}`,
        content: once(() => ({
          html: u.html ? absoluteHtml(u.html, page) : `<p>${escapeHtml(status)}</p>`,
          text: markdownToText(u.markdown) || status,
        })),
        at: u.at,
        components: m.components,
      };
    }),
  ];
}

/** A function that computes its value on the first call and returns it after. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}
