/**
 * Large generated content for the benchmarks: many components in groups, a year of history written
 * as the prober writes it (raw 5-minute samples per UTC day for the retention period, a rollup per
 * component per completed local day), thousands of incidents with realistic Markdown, and
 * maintenance windows. Seeded and deterministic: the same options give the same files byte for byte.
 *
 * The history goes through the real writers (formatRun, formatRollup, rollupDay), and the
 * samples agree with the incidents and maintenance, so a large build computes what a real one would.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { renderIncident } from '../../src/lib/content/incident-document.ts';
import { renderMaintenance } from '../../src/lib/content/maintenance-document.ts';
import { mulberry32 } from '../../src/lib/example/generate.ts';
import {
  formatRollup,
  formatRun,
  parseSamples,
  rollupsFileName,
  SAMPLES_FILE,
  samplesFileName,
  type Sample,
} from '../../src/lib/history/format.ts';
import { rollupDay } from '../../src/lib/history/rollup.ts';
import {
  advance,
  emptyState,
  formatState,
  STATE_FILE,
  confirmPolicy,
  type ConfirmPolicy,
} from '../../src/lib/history/state.ts';
import { parseConfig } from '../../src/lib/config/load.ts';
import {
  HEALTH_STATUSES,
  severity,
  type HealthStatus,
  type Impact,
  type IncidentStatus,
} from '../../src/lib/status.ts';
import { DAY, HOUR, MINUTE, addDays, lastLocalDays, localDate } from '../../src/lib/time.ts';

/** Options of the large-site generator; the defaults are the benchmark's shape. */
export interface LargeSiteOptions {
  /** The instant the history ends at. */
  now: number;
  /** Incidents spread over the history. */
  incidents: number;
  seed?: number;
  /** Components (default 50), spread over `groups` groups (default 5); a few stay ungrouped. */
  components?: number;
  groups?: number;
  /** Days of history (default 365). */
  days?: number;
  /** Days of raw samples kept, as `probe.retention_days` (default 90). */
  sampleDays?: number;
  /** Maintenance windows (default 20): most past, one in progress, a few upcoming. */
  maintenance?: number;
}

/** What `writeLargeSite` wrote. */
export interface WrittenSite {
  files: number;
  bytes: number;
  /** Sample lines written (what the build parses). */
  samples: number;
}

const TZ = 'America/New_York';
const INTERVAL = 5 * MINUTE;
const DEFAULT_SEED = 20211004;

/** Health statuses by severity: a status's code in the per-slot arrays is its severity. */
const CODES: readonly HealthStatus[] = HEALTH_STATUSES.toSorted(
  (a, b) => severity(a) - severity(b),
);
/** Marks a slot with no sample at all. */
const NO_RUN = 255;

/** Generates the content as a map of relative paths to file contents. */
export function generateLargeSite(options: LargeSiteOptions): Map<string, string> {
  const now = Math.floor(options.now / MINUTE) * MINUTE;
  const seed = options.seed ?? DEFAULT_SEED;
  const days = options.days ?? 365;
  const sampleDays = Math.min(options.sampleDays ?? 90, days);
  const files = new Map<string, string>();

  const components = planComponents(options.components ?? 50, options.groups ?? 5, now);
  const config = configFile(components, sampleDays);
  files.set('heliograph.yaml', config);

  const from = now - days * DAY;
  const incidents = planIncidents({
    count: options.incidents,
    components,
    from,
    now,
    random: mulberry32(seed + 1),
  });
  for (const inc of incidents) files.set(`incidents/${inc.id}.md`, incidentFile(inc));
  const maintenance = planMaintenance({
    count: options.maintenance ?? 20,
    components,
    from,
    now,
    random: mulberry32(seed + 2),
  });
  for (const m of maintenance) files.set(`maintenance/${m.id}.md`, maintenanceFile(m));

  writeHistory({
    files,
    components,
    incidents,
    maintenance,
    now,
    days,
    sampleDays,
    policy: confirmPolicy(parseConfig(config, 'heliograph.yaml').probe),
    random: mulberry32(seed + 3),
  });
  return files;
}

/** Writes the generated content into `out`, replacing its incidents, maintenance and history. */
export function writeLargeSite(options: LargeSiteOptions & { out: string }): WrittenSite {
  const files = generateLargeSite(options);
  for (const folder of ['incidents', 'maintenance', 'history']) {
    rmSync(join(options.out, folder), { recursive: true, force: true });
  }
  let bytes = 0;
  let samples = 0;
  const folders = new Set<string>();
  for (const [path, text] of files) {
    const target = join(options.out, path);
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
    const date = SAMPLES_FILE.exec(path.slice('history/'.length))?.[1];
    if (path.startsWith('history/') && date) samples += parseSamples(text, date).samples.length;
  }
  return { files: files.size, bytes, samples };
}

// ---------------------------------------------------------------------------------------------
// Components and configuration

interface PlannedComponent {
  id: string;
  name: string;
  group: string | undefined;
  /** Typical response time in ms; undefined when it has no checks (incidents only). */
  baseMs: number | undefined;
  checks: Record<string, unknown>[];
  thirdParty: boolean;
  /** Added to the page recently: no data before this local date. */
  startDate?: string;
}

const GROUPS = [
  {
    id: 'web',
    name: 'Website and apps',
    description: 'What customers open in a browser or on a phone',
  },
  { id: 'api', name: 'API', description: 'The public REST and GraphQL API, by region' },
  { id: 'payments', name: 'Payments' },
  {
    id: 'messaging',
    name: 'Where we talk to you',
    description: 'Notifications and the platforms customers write to us on',
  },
  { id: 'infrastructure', name: 'Infrastructure' },
] as const;

/** Ten components per group, in the order of GROUPS; `kind` picks the checks. */
const CATALOGUE: readonly (readonly [
  id: string,
  name: string,
  kind: 'http' | 'tcp' | 'dns' | 'third' | 'none',
])[][] = [
  [
    ['website', 'Website', 'http'],
    ['dashboard', 'Customer dashboard', 'http'],
    ['docs', 'Documentation', 'http'],
    ['login', 'Sign-in', 'http'],
    ['cdn', 'Images and downloads (CDN)', 'http'],
    ['search', 'Site search', 'http'],
    ['checkout', 'Checkout', 'http'],
    ['mobile-app', 'Mobile app backend', 'http'],
    ['help-center', 'Help center', 'third'],
    ['store-pickup', 'In-store pickup desk', 'none'],
  ],
  [
    ['api-us', 'API (US)', 'http'],
    ['api-eu', 'API (EU)', 'http'],
    ['api-ap', 'API (Asia-Pacific)', 'http'],
    ['graphql', 'GraphQL API', 'http'],
    ['webhooks', 'Webhooks', 'http'],
    ['streaming', 'Streaming API', 'tcp'],
    ['auth-api', 'OAuth and tokens', 'http'],
    ['uploads', 'File uploads', 'http'],
    ['rate-limits', 'Rate limiter', 'http'],
    ['partner-api', 'Partner integrations', 'none'],
  ],
  [
    ['card-payments', 'Card payments', 'third'],
    ['paypal', 'PayPal', 'third'],
    ['sepa', 'SEPA direct debit', 'third'],
    ['invoicing', 'Invoicing', 'http'],
    ['refunds', 'Refunds', 'http'],
    ['payouts', 'Payouts', 'http'],
    ['fraud-check', 'Fraud screening', 'http'],
    ['tax', 'Tax calculation', 'http'],
    ['billing-portal', 'Billing portal', 'http'],
    ['phone-orders', 'Orders by phone', 'none'],
  ],
  [
    ['email', 'E-mail delivery', 'tcp'],
    ['sms', 'SMS notifications', 'third'],
    ['push', 'Push notifications', 'http'],
    ['whatsapp', 'WhatsApp', 'third'],
    ['telegram', 'Telegram', 'third'],
    ['chat-widget', 'Live chat', 'http'],
    ['instagram', 'Instagram', 'third'],
    ['facebook', 'Facebook', 'third'],
    ['newsletter', 'Newsletter', 'http'],
    ['phone', 'Support phone line', 'none'],
  ],
  [
    ['database', 'Primary database', 'tcp'],
    ['cache', 'Cache cluster', 'tcp'],
    ['queue', 'Job queue', 'tcp'],
    ['object-storage', 'Object storage', 'http'],
    ['dns', 'DNS', 'dns'],
    ['backups', 'Backups', 'http'],
    ['search-index', 'Search indexing', 'http'],
    ['logging', 'Logging pipeline', 'tcp'],
    ['metrics', 'Metrics', 'http'],
    ['office-network', 'Office network', 'none'],
  ],
];

function planComponents(count: number, groupCount: number, now: number): PlannedComponent[] {
  const groups = Math.max(1, Math.min(groupCount, GROUPS.length));
  const ungrouped = Math.floor(count / 25); // a few, as real pages have
  const out: PlannedComponent[] = [];
  for (let i = 0; i < count; i++) {
    const g = i % groups;
    const slot = Math.floor(i / groups);
    const [baseId, baseName, kind] = CATALOGUE[g]![slot % 10]!;
    const round = Math.floor(slot / 10);
    const id = round ? `${baseId}-${round + 1}` : baseId;
    const name = round ? `${baseName} ${round + 1}` : baseName;
    const host = `${id}.acme.example`;
    const checks: Record<string, unknown>[] =
      kind === 'http'
        ? [{ type: 'http', url: `https://${host}/health`, max_response_ms: 1500 }]
        : kind === 'tcp'
          ? [{ type: 'tcp', host, port: 5432 }]
          : kind === 'dns'
            ? [
                { type: 'dns', name: 'acme.example', record: 'A' },
                { type: 'tls', host: 'acme.example' },
              ]
            : kind === 'third'
              ? [{ type: 'statuspage', url: `https://status.${id}.example`, component: name }]
              : [];
    out.push({
      id,
      name,
      group: i >= count - ungrouped ? undefined : GROUPS[g]!.id,
      baseMs: kind === 'none' ? undefined : 80 + ((i * 37) % 300),
      checks,
      thirdParty: kind === 'third',
    });
  }
  // The configuration lists components group by group, the ungrouped last.
  const rank = (c: PlannedComponent): number =>
    c.group ? GROUPS.findIndex((g) => g.id === c.group) : GROUPS.length;
  out.sort((a, b) => rank(a) - rank(b));
  // One component joined the page a month ago: earlier days show no data.
  const late = out
    .slice(0, count - ungrouped)
    .reverse()
    .find((c) => c.baseMs !== undefined);
  if (late && count > 3) late.startDate = addDays(localDate(now, TZ), -30);
  return out;
}

function configFile(components: readonly PlannedComponent[], retentionDays: number): string {
  const used = new Set(components.map((c) => c.group));
  const ids = new Set(components.map((c) => c.id));
  const channel = (
    id: string,
    name: string,
    kind: string,
    url: string,
    extra: Record<string, unknown> = {},
  ) => ({
    id,
    name,
    kind,
    url,
    ...extra,
  });
  const channels = [
    channel('whatsapp', 'WhatsApp', 'whatsapp', 'https://wa.me/15555550100', {
      component: 'whatsapp',
    }),
    channel('instagram', 'Instagram', 'instagram', 'https://instagram.com/acme', {
      component: 'instagram',
    }),
    channel('telegram', 'Telegram', 'telegram', 'https://t.me/acme', {
      component: 'telegram',
      fallback_order: 1,
    }),
    channel('email', 'E-mail', 'email', 'mailto:help@acme.example', {
      label: 'help@acme.example',
      fallback_order: 2,
    }),
    channel('phone', 'Phone', 'phone', 'tel:+15555550100', {
      label: '+1 555 555 0100',
      component: 'phone',
      fallback_order: 3,
    }),
  ].filter((ch) => !('component' in ch) || ids.has(ch.component as string));
  const config = {
    site: {
      title: 'Acme Cloud status',
      url: 'https://status.acme.example',
      base: '/',
      description: 'Generated for the benchmarks: a large page with a year of history.',
      locale: 'en',
      time_zone: TZ,
    },
    groups: GROUPS.filter((g) => used.has(g.id)),
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.group ? { group: c.group } : {}),
      ...(c.startDate ? { start_date: c.startDate } : {}),
      ...(c.thirdParty ? { third_party: true } : {}),
      ...(c.checks.length ? { checks: c.checks } : {}),
    })),
    channels,
    probe: { interval_minutes: INTERVAL / MINUTE, retention_days: retentionDays },
  };
  return `# Generated by scripts/lib/large-site.ts for the benchmarks.\n${stringify(config, { lineWidth: 120 })}`;
}

// ---------------------------------------------------------------------------------------------
// Incidents

interface PlannedUpdate {
  at: number;
  status: IncidentStatus;
  text: string;
  components?: Record<string, HealthStatus>;
}

interface PlannedIncident {
  id: string;
  title: string;
  impact: Impact;
  start: number;
  /** Undefined while unresolved. */
  end: number | undefined;
  components: Record<string, HealthStatus>;
  updates: PlannedUpdate[];
  source?: 'prober' | 'github';
  githubIssue?: number;
  postmortem?: string;
}

interface PlanInput {
  count: number;
  components: readonly PlannedComponent[];
  from: number;
  now: number;
  random: () => number;
}

const REGIONS = ['us-east', 'eu-west', 'ap-southeast', 'Frankfurt', 'Virginia', 'Singapore'];

/**
 * The large site's incidents, planned from one seeded random source. Long because every draw is
 * made in one order: split, the same seed would no longer give the same site.
 */
function planIncidents({ count, components, from, now, random }: PlanInput): PlannedIncident[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const minute = (t: number): number => Math.floor(t / MINUTE) * MINUTE;
  const unresolved = count >= 100 ? 3 : count > 0 ? 1 : 0;
  // Resolved incidents start anywhere in the history and end at least ten minutes before now.
  const plans = Array.from({ length: count }, (_, k) => {
    const open = k >= count - unresolved;
    const duration = open
      ? 0
      : Math.exp(Math.log(10 * MINUTE) + random() * Math.log((8 * HOUR) / (10 * MINUTE)));
    const start = open
      ? minute(now - 20 * MINUTE - random() * 6 * HOUR)
      : minute(from + HOUR + random() * (now - from - 2 * HOUR - duration));
    return { open, start, duration: Math.max(10 * MINUTE, minute(duration)) };
  }).sort((a, b) => a.start - b.start);

  let issue = 100;
  return plans.map((plan, k) => {
    const affectedCount = Math.min(components.length, pickCount(random(), [0.7, 0.9, 0.97], 1));
    const affected: PlannedComponent[] = [];
    while (affected.length < affectedCount) {
      const c = pick(components);
      if (!affected.includes(c)) affected.push(c);
    }
    const statuses: Record<string, HealthStatus> = {};
    for (const c of affected)
      statuses[c.id] = pick([
        'major_outage',
        'major_outage',
        'partial_outage',
        'partial_outage',
        'degraded_performance',
      ] as const);
    const worst = Math.max(...Object.values(statuses).map(severity));
    const impact: Impact =
      worst === 3
        ? pick(['critical', 'major'] as const)
        : worst === 2
          ? pick(['major', 'minor'] as const)
          : pick(['minor', 'none'] as const);
    const main = affected[0]!;
    const names = affected.map((c) => c.name);
    const who =
      names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    const region = pick(REGIONS);
    const roll = random();
    const source =
      roll < 0.08 ? ('prober' as const) : roll < 0.12 ? ('github' as const) : undefined;
    const title =
      source === 'prober'
        ? `${main.name} is ${worst === 3 ? 'down' : worst === 2 ? 'partly down' : 'slow'}`
        : fill(pick(TITLES[worst as 1 | 2 | 3]), { who, region });

    // The timeline: investigating, maybe identified and monitoring, then resolved (unless open).
    const end = plan.open ? undefined : plan.start + plan.duration;
    const last = end ?? now - MINUTE;
    const updateCount = plan.open ? 1 + Math.floor(random() * 3) : 2 + Math.floor(random() * 3);
    const kinds: IncidentStatus[] = plan.open
      ? (['investigating', 'identified', 'monitoring'] as const).slice(0, updateCount)
      : updateCount === 2
        ? ['investigating', 'resolved']
        : updateCount === 3
          ? ['investigating', pick(['identified', 'monitoring'] as const), 'resolved']
          : ['investigating', 'identified', 'monitoring', 'resolved'];
    const span = last - plan.start;
    const times = kinds.map((_, i) => {
      if (!plan.open && i === kinds.length - 1) return last;
      const lo = plan.start + (span * i) / kinds.length;
      return minute(lo + random() * (span / kinds.length) * 0.8);
    });
    const vars = {
      who,
      region,
      name: main.name,
      host: `${main.id}.acme.example`,
      n: String(1000 + k),
      time: '',
    };
    const updates: PlannedUpdate[] = kinds.map((status, i) => {
      vars.time = new Date(times[i]!).toISOString().slice(11, 16);
      const text =
        source === 'prober' && i === 0
          ? `Automatic: ${main.name} failed 2 checks in a row (\`timeout after 10 s waiting for headers\`).`
          : fill(pick(TEXTS[status as keyof typeof TEXTS]), vars);
      return { at: times[i]!, status, text };
    });
    // Some incidents ease a component when the cause is found: major outage becomes partial.
    const identified = updates.find((u) => u.status === 'identified');
    const eased = Object.keys(statuses).find((id) => statuses[id] === 'major_outage');
    if (identified && eased && random() < 0.25)
      identified.components = { [eased]: 'partial_outage' };

    const slug = `${main.id}-${worst === 3 ? 'outage' : worst === 2 ? 'errors' : 'slow'}`;
    const planned: PlannedIncident = {
      id: `${new Date(plan.start).toISOString().slice(0, 10)}-${slug}-${k + 1}`,
      title,
      impact,
      start: plan.start,
      end,
      components: statuses,
      updates,
    };
    if (source) planned.source = source;
    if (source === 'github') planned.githubIssue = issue++;
    if (end !== undefined && worst === 3 && random() < 0.08)
      planned.postmortem = fill(POSTMORTEM, vars);
    return planned;
  });
}

function incidentFile(t: PlannedIncident): string {
  return renderIncident(
    {
      title: t.title,
      impact: t.impact,
      components: t.components,
      started_at: iso(t.start),
      ...(t.source ? { source: t.source } : {}),
      ...(t.githubIssue ? { github_issue: t.githubIssue } : {}),
      updates: t.updates.map((u) => ({
        at: iso(u.at),
        status: u.status,
        text: u.text,
        ...(u.components ? { components: u.components } : {}),
      })),
    },
    t.postmortem,
  );
}

const TITLES: Record<1 | 2 | 3, readonly string[]> = {
  1: [
    '{who} slow to respond',
    'Degraded performance of {who}',
    'Delays on {who} in {region}',
    'Elevated latency for {who}',
  ],
  2: [
    'Elevated error rates on {who}',
    'Some requests to {who} fail',
    '{who} partly unavailable in {region}',
    'Intermittent errors on {who}',
  ],
  3: ['{who} unavailable', '{who} unreachable', 'Outage of {who}', '{who} down in {region}'],
};

const TEXTS = {
  investigating: [
    'We are investigating elevated error rates on **{who}**. Some requests fail with `503 Service Unavailable`.',
    '{who} is responding slowly for some customers. We are looking into it and will post an update within 30 minutes.',
    'Customers report that {who} cannot be reached from {region}. Our on-call team is investigating.',
    'We are seeing failed requests to {who}.\n\n- Sign-in may fail or time out\n- Requests already accepted are not lost\n\nMore soon.',
  ],
  identified: [
    'The cause is a failed deployment of {name}. We are rolling back to the previous version.',
    'A database failover left {name} with too few connections. We are adding capacity.\n\n1. Requests may time out for a few more minutes\n2. No data was lost',
    'Our upstream provider confirmed a network problem in {region}; see [their status page](https://status.provider.example/incidents/{n}) for details.',
    'An expired TLS certificate on `{host}` caused the failures. A new certificate is being issued and deployed.',
  ],
  monitoring: [
    'A fix has been deployed. Error rates are dropping and we are **monitoring** the results.',
    '{who} is working again; we are watching it closely before we call this resolved.',
    'Traffic in {region} is back on the primary site. Queued jobs are being processed; expect some delay.',
  ],
  resolved: [
    'This incident is resolved: everything has worked normally since {time} UTC.',
    'Everything is back to normal. Requests that failed during the incident can be retried safely.',
    'Resolved. We will publish a postmortem within five working days. Thank you for your patience.',
    'The problem is fixed and the backlog is cleared. If anything still looks wrong, write to [help@acme.example](mailto:help@acme.example).',
  ],
} as const;

const POSTMORTEM = `## What happened

For part of the day **{who}** did not answer requests. A configuration change rolled out to every
region at once instead of one region at a time, and the health checks did not catch it.

## Timeline (UTC)

- {time}: the change was rolled out
- Our monitoring opened this incident automatically
- The change was reverted and service recovered

## What we are changing

1. Configuration changes go out one region at a time, as code changes already do.
2. Health checks now exercise the path that failed.
3. This page now updates within five minutes of a confirmed outage.
`;

// ---------------------------------------------------------------------------------------------
// Maintenance

interface PlannedMaintenance {
  id: string;
  title: string;
  start: number;
  end: number;
  components: string[];
  body: string;
  /** Whether probes saw the components down during the window. */
  down: boolean;
  updates: { at: number; status: 'in_progress' | 'completed'; text: string }[];
}

function planMaintenance({
  count,
  components,
  from,
  now,
  random,
}: PlanInput): PlannedMaintenance[] {
  const hour = Math.floor(now / HOUR) * HOUR;
  const upcoming = Math.min(3, Math.max(0, count - 2));
  const out: PlannedMaintenance[] = [];
  for (let k = 0; k < count; k++) {
    // The last few are upcoming, the one before them in progress, the rest spread over the past.
    const kind = k >= count - upcoming ? 'upcoming' : k === count - upcoming - 1 ? 'now' : 'past';
    const length = (1 + Math.floor(random() * 4)) * HOUR;
    const start =
      kind === 'upcoming'
        ? hour + (2 + Math.floor(random() * 20)) * DAY + 2 * HOUR
        : kind === 'now'
          ? hour - HOUR
          : hour - Math.floor(((count - k) / count) * ((now - from) / DAY - 2)) * DAY - 22 * HOUR;
    const chosen = new Set<string>();
    const n = 1 + Math.floor(random() * 3);
    while (chosen.size < Math.min(n, components.length))
      chosen.add(components[Math.floor(random() * components.length)]!.id);
    const names = components.filter((c) => chosen.has(c.id)).map((c) => c.name);
    const end = start + length;
    out.push({
      id: `${new Date(start).toISOString().slice(0, 10)}-maintenance-${k + 1}`,
      title: `Scheduled maintenance: ${names.join(', ')}`,
      start,
      end,
      components: [...chosen],
      body: `We are upgrading ${names.join(' and ')}. **Expect short interruptions** during the window; nothing needs to be done on your side.`,
      down: random() < 0.5,
      updates:
        kind === 'past'
          ? [
              { at: start, status: 'in_progress', text: 'The work has started.' },
              {
                at: end,
                status: 'completed',
                text: 'The work is done and everything is back in service.',
              },
            ]
          : [],
    });
  }
  return out;
}

function maintenanceFile(m: PlannedMaintenance): string {
  return renderMaintenance({
    title: m.title,
    start: iso(m.start),
    end: iso(m.end),
    components: m.components,
    ...(m.updates.length
      ? { updates: m.updates.map((u) => ({ at: iso(u.at), status: u.status, text: u.text })) }
      : {}),
    body: m.body,
  });
}

// ---------------------------------------------------------------------------------------------
// History

interface HistoryInput {
  files: Map<string, string>;
  components: readonly PlannedComponent[];
  incidents: readonly PlannedIncident[];
  maintenance: readonly PlannedMaintenance[];
  now: number;
  days: number;
  sampleDays: number;
  /** The configuration's confirmation policy, for the state the prober would have recorded. */
  policy: ConfirmPolicy;
  random: () => number;
}

/**
 * Probe results every 5 minutes for every component with checks, shaped by the incidents and
 * maintenance: samples for the last `sampleDays` in one file per UTC day (a line per run, as the
 * prober writes them), and one rollup per component per completed local day in one file per year,
 * as the prober writes them when a day is over (it keeps them after the samples are pruned), and
 * the confirmed statuses the prober would have recorded in `state.json` after those runs. One long
 * pass over the slots writes all three, so that a year of runs is never held twice in memory.
 */
function writeHistory(input: HistoryInput): void {
  const { files, now, random } = input;
  const first = Math.ceil((now - input.days * DAY) / INTERVAL) * INTERVAL;
  const slots = Math.floor((now - first) / INTERVAL) + 1;
  const slotOf = (t: number): number =>
    Math.min(slots, Math.max(0, Math.ceil((t - first) / INTERVAL)));
  const probed = input.components
    .filter((c) => c.baseMs !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  // What the probes see, slot by slot: the worst of incidents and maintenance outages.
  const seen = new Map<string, Uint8Array>(probed.map((c) => [c.id, new Uint8Array(slots)]));
  const paint = (id: string, start: number, end: number, status: HealthStatus): void => {
    const row = seen.get(id);
    if (!row) return;
    const code = severity(status);
    for (let i = slotOf(start); i < slotOf(end); i++) if (row[i]! < code) row[i] = code;
  };
  for (const inc of input.incidents) {
    const end = inc.end ?? now + INTERVAL;
    const eased = inc.updates.find((u) => u.components);
    for (const [id, status] of Object.entries(inc.components)) {
      const change = eased?.components?.[id];
      if (change && eased) {
        paint(id, inc.start, eased.at, status);
        paint(id, eased.at, end, change);
      } else paint(id, inc.start, end, status);
    }
  }
  for (const m of input.maintenance) {
    if (m.down && m.start < now)
      for (const id of m.components) paint(id, m.start, Math.min(m.end, now), 'major_outage');
  }
  // The prober itself missed some runs (a runner outage): no data for anyone.
  for (let gap = 0; gap < Math.max(1, Math.floor(input.days / 45)); gap++) {
    const at = first + Math.floor(random() * slots) * INTERVAL;
    const stop = slotOf(at + (30 * MINUTE + random() * 3 * HOUR));
    for (const row of seen.values()) row.fill(NO_RUN, slotOf(at), stop);
  }
  for (const c of probed) {
    if (c.startDate)
      seen.get(c.id)!.fill(NO_RUN, 0, slotOf(Date.parse(`${c.startDate}T12:00:00Z`)));
  }

  const keepFrom = now - input.sampleDays * DAY;
  const localDays = lastLocalDays(now, input.days + 1, TZ);
  // Samples of the local day being rolled up, per component (with the one before the day starts).
  const dayIndex = { i: 0 };
  const pending = new Map<string, Sample[]>(probed.map((c) => [c.id, []]));
  const rollups = new Map<string, string[]>();
  const finishDay = (): void => {
    const day = localDays[dayIndex.i]!;
    for (const c of probed) {
      const samples = pending.get(c.id)!;
      const line = rollupDay(c.id, samples, day, INTERVAL);
      if (line.observed > 0) {
        const name = `history/daily/${rollupsFileName(day.date)}`;
        (rollups.get(name) ?? rollups.set(name, []).get(name)!).push(formatRollup(line));
      }
      // Keep the last sample if it reaches into the next day.
      const last = samples.at(-1);
      pending.set(c.id, last && last.at >= day.end - INTERVAL ? [last] : []);
    }
    dayIndex.i++;
  };

  const state = emptyState();
  let utcFile = '';
  let file = { text: '', columns: [] as string[] };
  const flushSamples = (): void => {
    if (file.text) files.set(`history/${utcFile}`, file.text);
    file = { text: '', columns: [] };
  };
  for (let i = 0; i < slots; i++) {
    const at = first + i * INTERVAL;
    while (at >= localDays[dayIndex.i]!.end) finishDay();
    const keep = at >= keepFrom;
    if (keep) {
      const name = samplesFileName(at);
      if (name !== utcFile) {
        flushSamples();
        utcFile = name;
      }
    }
    const run: Sample[] = [];
    for (const c of probed) {
      const code = seen.get(c.id)![i]!;
      if (code === NO_RUN) continue;
      let status = CODES[code]!;
      if (status === 'operational' && random() < 0.002) status = 'degraded_performance';
      const jitter = Math.exp((random() - 0.5) * 0.8);
      const ms =
        status === 'major_outage'
          ? null
          : Math.round(c.baseMs! * jitter * (status === 'operational' ? 1 : 4));
      const reason =
        status === 'major_outage'
          ? 'timeout after 10 s waiting for headers'
          : status === 'partial_outage'
            ? 'expected 200, got 502'
            : status === 'degraded_performance'
              ? `slow: ${ms} ms`
              : undefined;
      const sample: Sample = { at, component: c.id, status, ms, reason };
      state.components[c.id] = advance(state.components[c.id], status, at, input.policy).state;
      pending.get(c.id)!.push(sample);
      run.push(sample);
    }
    if (keep && run.length) {
      const next = formatRun(file.columns, at, run);
      file = { text: file.text + next.text, columns: next.columns };
    }
  }
  flushSamples();
  // Today is not over: no rollup for it yet.
  while (dayIndex.i < localDays.length - 1) finishDay();
  for (const [name, list] of [...rollups].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    files.set(name, list.join(''));
  files.set(`history/${STATE_FILE}`, formatState(state));
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** 1 + the number of thresholds `roll` is past: `pickCount(0.95, [0.7, 0.9, 0.97], 1)` is 3. */
function pickCount(roll: number, thresholds: readonly number[], base: number): number {
  let n = base;
  for (const t of thresholds) if (roll >= t) n++;
  return n;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}
