/**
 * What each share image shows, as plain data: texts already in the site's language and time zone,
 * statuses as keys. A card is everything that shapes its image besides the template, the fonts
 * and the logo, so its JSON is hashed into the image's cache key and file name. Nothing here
 * counts the clock (no "ongoing for 2 h", no "last checked 5 min ago"): an image changes only when
 * what it reports changes — checks found delayed is such a change, and their "since" stays put —
 * and unchanged ones are never drawn again.
 */
import type { Formatter } from '../i18n/format.ts';
import { fill, type Messages } from '../i18n/messages.ts';
import { homeView } from '../model/home.ts';
import type { Incident } from '../model/incident.ts';
import { shownStatus, type ComponentModel, type DayLevel, type SiteModel } from '../model/site.ts';
import {
  STATUSES_WORST_FIRST,
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  type Indicator,
} from '../status.ts';
import type { ImageMessages } from './image-messages.ts';

/** The site's name, address and logo, in the corner of every image. */
export interface Brand {
  title: string;
  /** The site's host name, e.g. `status.example.com`. */
  host: string;
  /** SHA-256 of the logo file, or null without a logo (the bytes travel apart, see render.ts). */
  logo: string | null;
}

/** A component status with its words. */
export interface StatusText {
  status: ComponentStatus;
  text: string;
}

/** The home page's image: the page indicator and the components by status. */
export interface HomeCard {
  kind: 'home';
  brand: Brand;
  indicator: Indicator;
  indicatorText: string;
  componentsLabel: string;
  /** Components per status, worst first, statuses with none left out. */
  counts: (StatusText & { count: number })[];
  activeLabel: string;
  /** Titles of the incidents under way, newest first, at most `HOME_ACTIVE_LIMIT`. */
  active: string[];
  /** "+2 more" when more incidents are under way, else null. */
  moreActive: string | null;
  /** "Checks delayed since …" when the site's data is stale (model/freshness.ts), else null. */
  delayed: string | null;
}

/** An incident's image. */
export interface IncidentCard {
  kind: 'incident';
  brand: Brand;
  label: string;
  title: string;
  impact: Impact;
  impactText: string;
  status: IncidentStatus;
  statusText: string;
  affectedLabel: string;
  /** Affected components; their status only while the incident is under way. */
  components: { name: string; status: StatusText | null }[];
  /** Start and end (or start only, while under way) in the site's time zone. */
  span: string;
}

/** A component's image. */
export interface ComponentCard {
  kind: 'component';
  brand: Brand;
  group: string | null;
  name: string;
  /** As the component's page shows it: no status (grey) when nothing monitors it. */
  status: { status: ComponentStatus | undefined; text: string };
  uptimeLabel: string;
  /** "99.95 %", or the words for no data. */
  uptimeText: string;
  /** The last 90 days, oldest first. */
  days: DayLevel[];
  daysFrom: string;
  daysTo: string;
}

export type ShareCard = HomeCard | IncidentCard | ComponentCard;

/** Incidents under way named on the home image; more are counted. */
export const HOME_ACTIVE_LIMIT = 2;

/** What the card builders read besides the model. */
export interface CardContext {
  site: SiteModel;
  t: Messages;
  m: ImageMessages;
  fmt: Formatter;
  /** SHA-256 of the logo file, if the site has one. */
  logoHash: string | null;
}

/** The home image's card. */
export function homeCard(ctx: CardContext): HomeCard {
  const { site, t, m } = ctx;
  // The components a visitor sees on the home page.
  const visible = homeView(site).components;
  // Worst first. A component nothing monitors is counted under no status (docs/rules.md).
  const counts = STATUSES_WORST_FIRST.map((status) => ({
    status,
    text: t.componentStatus[status],
    count: visible.filter((c) => shownStatus(c) === status).length,
  })).filter((c) => c.count > 0);
  const extra = site.activeIncidents.length - HOME_ACTIVE_LIMIT;
  return {
    kind: 'home',
    brand: brand(ctx),
    indicator: site.indicator,
    indicatorText: t.indicator[site.indicator],
    componentsLabel: t.components,
    counts,
    activeLabel: t.activeIncidents,
    active: site.activeIncidents.slice(0, HOME_ACTIVE_LIMIT).map((i) => i.title),
    moreActive: extra > 0 ? fill(m.more, { n: extra }) : null,
    delayed: delayedText(ctx),
  };
}

/** The sentence of delayed checks when the site is stale, in the site's words and time zone. */
function delayedText({ site, t, fmt }: CardContext): string | null {
  const { stale, lastSample } = site.freshness;
  if (!stale || lastSample === undefined) return null;
  return fill(t.checksDelayed, { time: fmt.dateTime(lastSample) });
}

/** An incident's card. */
export function incidentCard(incident: Incident, ctx: CardContext): IncidentCard {
  const { site, t } = ctx;
  const ongoing = incident.resolvedAt === null;
  return {
    kind: 'incident',
    brand: brand(ctx),
    label: t.incident,
    title: incident.title,
    impact: incident.impact,
    impactText: t.impact[incident.impact],
    status: incident.status,
    statusText: t.incidentStatus[incident.status],
    affectedLabel: t.affectedComponents,
    components: incident.components.map((a) => ({
      name: site.components.find((c) => c.id === a.id)?.name ?? a.id,
      status: ongoing ? { status: a.status, text: t.componentStatus[a.status] } : null,
    })),
    span: timeSpan(incident, ctx),
  };
}

/** A component's card. */
export function componentCard(component: ComponentModel, ctx: CardContext): ComponentCard {
  const { t, fmt } = ctx;
  // The longest period the record covers, or since when it began (a young site's 90 days).
  const longest = component.periods.at(-1);
  const d90 = longest?.uptime ?? null;
  return {
    kind: 'component',
    brand: brand(ctx),
    group: component.group?.name ?? null,
    name: component.name,
    status: statusShown(component, t),
    uptimeLabel: `${t.uptime} · ${
      longest?.since === undefined
        ? t.uptime90d
        : fill(t.uptimeSince, { date: fmt.dayMonth(longest.since) })
    }`,
    uptimeText: d90 === null ? t.noData : `${fmt.uptime(d90)} %`,
    days: component.days.map((d) => d.level),
    daysFrom: t.daysAgo,
    daysTo: t.today,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A component's status as its page shows it (`shownStatus`), with its words. */
function statusShown(component: ComponentModel, t: Messages): ComponentCard['status'] {
  const shown = shownStatus(component);
  return shown === 'not_monitored'
    ? { status: undefined, text: t.notMonitored }
    : { status: shown, text: t.componentStatus[shown] };
}

function brand({ site, logoHash }: CardContext): Brand {
  return {
    title: site.config.site.title,
    host: new URL(site.config.site.url).host,
    logo: logoHash,
  };
}

/** "Started: <time>" while under way; "<start> – <end> (<duration>)" once resolved. */
function timeSpan(incident: Incident, { t, fmt }: CardContext): string {
  const { startedAt: start, resolvedAt: end } = incident;
  if (end === null) return `${t.started}: ${fmt.dateTime(start)}`;
  // Within one local day the end needs only its time.
  const until = fmt.date(start) === fmt.date(end) ? fmt.time(end) : fmt.dateTime(end);
  return `${fmt.dateTime(start)} – ${until} (${fmt.duration(end - start)})`;
}
