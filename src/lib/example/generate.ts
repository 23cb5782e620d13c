/**
 * The bundled example: Forno Aurora, a bakery in Turin that sells online and talks to customers on
 * WhatsApp, Instagram and Facebook. Seeded and deterministic: the same `now` and seed give the same
 * files byte for byte. History ends at `now`; incidents and maintenance sit relative to it, so the
 * example always has an incident and a maintenance in progress and one maintenance coming.
 */
import { renderIncident } from '../content/incident-document.ts';
import type { Locale } from '../config/schema.ts';
import { renderFrontMatter } from '../content/front-matter.ts';
import { renderMaintenance } from '../content/maintenance-document.ts';
import { formatRollup, formatSamplesFiles, type Sample } from '../history/format.ts';
import { rollupDay } from '../history/rollup.ts';
import { confirmPolicy, emptyState, formatState, replay, STATE_FILE } from '../history/state.ts';
import { parseConfig } from '../config/load.ts';
import { EXAMPLE_SITE_URL } from '../config/template-guard.ts';
import type { HealthStatus, Impact, IncidentStatus } from '../status.ts';
import { DAY, HOUR, MINUTE, addDays, lastLocalDays, localDate, zonedInstant } from '../time.ts';

/** Options of the generator. */
export interface ExampleOptions {
  /** The instant the example's history ends at. */
  now: number;
  seed?: number;
  /** Days of history. */
  days?: number;
  /** Days of raw samples kept (older days keep only their rollups), as `probe.retention_days`. */
  sampleDays?: number;
}

const TZ = 'Europe/Rome';
const INTERVAL = 5 * MINUTE;

/** Components with checks, their typical response time in ms. */
const PROBED: Record<string, number> = {
  website: 180,
  ordering: 240,
  payments: 320,
  tracking: 210,
  whatsapp: 140,
  instagram: 160,
  facebook: 170,
};

/** A planned problem in the example's history. */
interface Trouble {
  id: string;
  title: string;
  impact: 'none' | 'minor' | 'major' | 'critical';
  start: number;
  /** Undefined while unresolved. */
  end: number | undefined;
  components: Record<string, HealthStatus>;
  updates: { at: number; status: IncidentStatus; text: string }[];
  postmortem?: string;
}

/**
 * Generates the example content as a map of relative paths to file contents. Long because the
 * samples are drawn in one loop that every trouble and window shapes, from one seeded random
 * source: drawn in pieces, the same seed would no longer give the same history.
 */
export function generateExample(options: ExampleOptions): Map<string, string> {
  const now = Math.floor(options.now / MINUTE) * MINUTE;
  const days = options.days ?? 90;
  const sampleDays = options.sampleDays ?? 14;
  const random = mulberry32(options.seed ?? 20211004);
  const files = new Map<string, string>();
  const today = localDate(now, TZ);
  const at = (daysAgo: number, hour: number, minute = 0): number =>
    zonedInstant(addDays(today, -daysAgo), TZ, hour, minute);

  const troubles = plannedTroubles(now, at);
  const maintenance = plannedMaintenance(now, at);

  files.set('heliograph.yaml', CONFIG);
  files.set('logo.svg', LOGO);
  for (const [locale, templates] of Object.entries(TEMPLATES)) {
    for (const { name, title, description, impact, components, message } of templates) {
      const front = { title, description, impact, components };
      files.set(`templates/${locale}/${name}.md`, renderFrontMatter(front, message));
    }
  }
  for (const t of troubles) files.set(`incidents/${t.id}.md`, incidentFile(t));
  for (const m of maintenance) files.set(`maintenance/${m.id}.md`, maintenanceFile(m));

  // Samples every 5 minutes for every probed component, shaped by the troubles above.
  const first = Math.ceil((now - days * DAY) / INTERVAL) * INTERVAL;
  const gap = { start: at(33, 3), end: at(33, 6, 30) }; // the prober itself did not run: no data
  const perComponent = new Map<string, Sample[]>();
  for (const [component, base] of Object.entries(PROBED)) {
    const samples: Sample[] = [];
    for (let t = first; t <= now; t += INTERVAL) {
      if (t >= gap.start && t < gap.end) continue;
      let status: HealthStatus = 'operational';
      for (const trouble of troubles) {
        const s = trouble.components[component];
        if (s && t >= trouble.start && t < (trouble.end ?? Infinity)) status = s;
      }
      for (const m of maintenance) {
        if (m.components.includes(component) && t >= m.start && t < Math.min(m.end, now))
          status = 'major_outage';
      }
      const roll = random();
      if (status === 'operational' && roll < 0.0004) status = 'degraded_performance';
      const jitter = Math.exp((random() - 0.5) * 0.8);
      const ms =
        status === 'major_outage'
          ? null
          : Math.round(base * jitter * (status === 'operational' ? 1 : 4));
      const reason =
        status === 'major_outage'
          ? 'timeout after 10 s waiting for headers'
          : status === 'degraded_performance'
            ? `slow: ${ms} ms`
            : undefined;
      samples.push({ at: t, component, status, ms, reason });
    }
    perComponent.set(component, samples);
  }

  files.set(`history/${STATE_FILE}`, recordedState(perComponent));

  const keepFrom = now - sampleDays * DAY;
  const kept = [...perComponent.values()].flat().filter((s) => s.at >= keepFrom);
  for (const [name, text] of formatSamplesFiles(kept)) files.set(`history/${name}`, text);

  const rollups = new Map<string, string[]>();
  for (const day of lastLocalDays(now, days + 1, TZ).slice(0, -1)) {
    for (const [component, samples] of perComponent) {
      const line = rollupDay(
        component,
        samples.filter((s) => s.at >= day.start - INTERVAL && s.at < day.end),
        day,
        INTERVAL,
      );
      if (line.observed === 0) continue;
      const year = `history/daily/${day.date.slice(0, 4)}.tsv`;
      (rollups.get(year) ?? rollups.set(year, []).get(year)!).push(formatRollup(line));
    }
  }
  for (const [name, lines] of rollups) files.set(name, lines.join(''));
  return files;
}

/**
 * The state file the prober would have written after these runs: each component's confirmed
 * status under the example's own confirmation policy.
 */
function recordedState(perComponent: ReadonlyMap<string, readonly Sample[]>): string {
  const policy = confirmPolicy(parseConfig(CONFIG, 'heliograph.yaml').probe);
  const state = emptyState();
  for (const [component, samples] of perComponent) {
    const decided = replay(samples, policy);
    if (decided) state.components[component] = decided;
  }
  return formatState(state);
}

/**
 * The example's outages, incidents and updates, as data. Long because it is the example's story,
 * one entry per outage, told in the order the days go.
 */
function plannedTroubles(
  now: number,
  at: (daysAgo: number, hour: number, minute?: number) => number,
): Trouble[] {
  const meta = at(41, 17, 40);
  const list: Trouble[] = [
    {
      id: 'ordering-api-outage',
      title: 'Online ordering unavailable',
      impact: 'critical',
      start: at(63, 11, 5),
      end: at(63, 11, 30),
      components: { ordering: 'major_outage' },
      updates: [
        {
          at: at(63, 11, 10),
          status: 'investigating',
          text: 'Orders cannot be placed on the website or in the app. We are looking into it.',
        },
        {
          at: at(63, 11, 20),
          status: 'identified',
          text: 'A database migration locked the orders table. We are rolling it back.',
        },
        {
          at: at(63, 11, 30),
          status: 'resolved',
          text: 'Ordering works again. Orders placed before 11:05 were not affected.',
        },
      ],
    },
    {
      id: 'meta-platforms-outage',
      title: 'WhatsApp, Instagram and Facebook unreachable',
      impact: 'major',
      start: meta,
      end: meta + 6 * HOUR,
      components: { whatsapp: 'major_outage', instagram: 'major_outage', facebook: 'major_outage' },
      updates: [
        {
          at: meta + 15 * MINUTE,
          status: 'investigating',
          text: 'WhatsApp, Instagram and Facebook are down worldwide, so **we cannot read or answer your messages there**.\n\nTo order or change an order, write to us on [Telegram](https://t.me/fornoaurora), e-mail [ordini@fornoaurora.example](mailto:ordini@fornoaurora.example) or call **+39 011 555 0199**.',
        },
        {
          at: meta + 1 * HOUR + 10 * MINUTE,
          status: 'identified',
          text: 'Meta reports a network configuration problem that took its services off the internet. Nothing is wrong with our shop, and online ordering works as usual.',
        },
        {
          at: meta + 5 * HOUR + 40 * MINUTE,
          status: 'monitoring',
          text: 'WhatsApp and Instagram are coming back. Messages sent during the outage may arrive late; we are answering them in order.',
        },
        {
          at: meta + 6 * HOUR + 5 * MINUTE,
          status: 'resolved',
          text: 'All three platforms work again and we have answered every message received while they were down. Thank you for finding us on the other channels.',
        },
      ],
      postmortem:
        "## What happened\n\nFor about six hours Meta's platforms were unreachable worldwide, as on 4 October 2021. Customers who usually order through WhatsApp could not reach us there.\n\n## What we changed\n\n- The channel box on this page now appears automatically whenever one of our channels is down, with the others in order.\n- Our Telegram channel and phone line are printed on every bag.\n",
    },
    {
      id: 'card-payments-slow',
      title: 'Card payments slow to confirm',
      impact: 'minor',
      start: at(19, 12, 10),
      end: at(19, 12, 55),
      components: { payments: 'degraded_performance' },
      updates: [
        {
          at: at(19, 12, 15),
          status: 'investigating',
          text: 'Card payments take up to a minute to confirm. Please do not pay twice.',
        },
        {
          at: at(19, 12, 55),
          status: 'resolved',
          text: 'Our payment provider fixed a slow fraud check. Payments confirm in seconds again.',
        },
      ],
    },
    {
      id: 'website-overnight-errors',
      title: 'Website errors overnight',
      impact: 'major',
      start: at(10, 23, 20),
      end: at(9, 1, 5),
      components: { website: 'partial_outage' },
      updates: [
        {
          at: at(10, 23, 25),
          status: 'investigating',
          text: 'About one page in three fails to load. The shop is partly usable.',
        },
        {
          at: at(9, 0, 30),
          status: 'monitoring',
          text: 'A faulty server was taken out of rotation; we are watching error rates.',
        },
        { at: at(9, 1, 5), status: 'resolved', text: 'Error rates are back to normal.' },
      ],
    },
    {
      id: 'phone-line-down',
      title: 'Shop phone line out of service',
      impact: 'minor',
      start: at(5, 9, 0),
      end: at(5, 11, 0),
      components: { phone: 'major_outage' },
      updates: [
        {
          at: at(5, 9, 10),
          status: 'identified',
          text: 'Our phone provider has a fault in Turin. Please write to us on WhatsApp or by e-mail.',
        },
        { at: at(5, 11, 0), status: 'resolved', text: 'The phone line works again.' },
      ],
    },
    {
      id: 'instagram-messages-delayed',
      title: 'Instagram messages delayed',
      impact: 'minor',
      start: now - 50 * MINUTE,
      end: undefined,
      components: { instagram: 'partial_outage' },
      updates: [
        {
          at: now - 45 * MINUTE,
          status: 'investigating',
          text: 'Direct messages on Instagram reach us with long delays.',
        },
        {
          at: now - 20 * MINUTE,
          status: 'identified',
          text: 'Instagram confirms a problem with message delivery in Europe. Until it is fixed, please use WhatsApp, Telegram or e-mail.',
        },
      ],
    },
  ];
  return list.filter((t) => t.start <= now);
}

interface PlannedMaintenance {
  id: string;
  title: string;
  /** When it was announced (its `scheduled` update, as `maintenance new` writes it). */
  announced: number;
  start: number;
  end: number;
  components: string[];
  body: string;
}

function plannedMaintenance(
  now: number,
  at: (daysAgo: number, hour: number, minute?: number) => number,
): PlannedMaintenance[] {
  const hour = Math.floor(now / HOUR) * HOUR;
  return [
    {
      id: 'website-hosting-move',
      title: 'Website moves to a new host',
      announced: at(31, 10, 0),
      start: at(27, 2, 0),
      end: at(27, 4, 0),
      components: ['website'],
      body: 'The website moves to a new hosting provider. It may be unavailable for a few minutes at a time.',
    },
    {
      id: 'tracking-map-upgrade',
      title: 'Delivery tracking map upgrade',
      announced: hour - 26 * HOUR,
      start: hour - HOUR,
      end: hour + 2 * HOUR,
      components: ['tracking'],
      body: 'We are upgrading the map used to track deliveries. **Deliveries go out as usual**; the live map is unavailable until the work ends.',
    },
    {
      id: 'payment-terminal-update',
      title: 'Card terminal software update',
      announced: at(1, 16, 30),
      start: at(-3, 2, 0),
      end: at(-3, 3, 30),
      components: ['payments'],
      body: 'Our payment provider updates its software. Card payments may fail for a few minutes; cash on delivery stays available.',
    },
  ];
}

function incidentFile(t: Trouble): string {
  return renderIncident(
    {
      title: t.title,
      impact: t.impact,
      components: t.components,
      started_at: iso(t.start),
      updates: t.updates.map((u) => ({ at: iso(u.at), status: u.status, text: u.text })),
    },
    t.postmortem,
  );
}

function maintenanceFile(m: PlannedMaintenance): string {
  return renderMaintenance({
    title: m.title,
    start: iso(m.start),
    end: iso(m.end),
    components: m.components,
    updates: [{ at: iso(m.announced), status: 'scheduled' }],
    body: m.body,
  });
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** A small seeded PRNG (Mulberry32): the same seed gives the same example. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The example's incident templates (`content/templates/<locale>/`), the same four in each
 * language: what the bakery would post on its worst days, ready before they come.
 */
const TEMPLATES: Record<
  Locale,
  {
    name: string;
    description: string;
    title: string;
    impact: Impact;
    components: Record<string, HealthStatus>;
    message: string;
  }[]
> = {
  en: [
    {
      name: 'meta-down',
      description: 'Meta platforms down (WhatsApp, Instagram, Facebook)',
      title: '{{component}} unreachable',
      impact: 'major',
      components: { whatsapp: 'major_outage', instagram: 'major_outage', facebook: 'major_outage' },
      message:
        '{{component}} are down, so **we cannot read or answer your messages there**.\n\nTo order or change an order, write to us on {{channel}}.',
    },
    {
      name: 'payment-provider-down',
      description: 'Payment provider down: card payments fail',
      title: '{{component}} unavailable',
      impact: 'major',
      components: { payments: 'major_outage' },
      message:
        'Our payment provider has a problem, so card payments fail at the moment. Cash on delivery still works. We will post here as soon as cards work again.',
    },
    {
      name: 'website-down',
      description: 'Website and online ordering down',
      title: '{{component}} unavailable',
      impact: 'critical',
      components: { website: 'major_outage', ordering: 'major_outage' },
      message:
        'Our website cannot be reached at the moment and orders cannot be placed online. We are working on it.\n\nTo order now, write to us on {{channel}}.',
    },
    {
      name: 'phone-line-down',
      description: 'Shop phone line out of service',
      title: '{{component}} out of service',
      impact: 'minor',
      components: { phone: 'major_outage' },
      message: 'Our phone line is out of service. Please write to us on {{channel}} instead.',
    },
  ],
  it: [
    {
      name: 'meta-down',
      description: 'Piattaforme Meta non disponibili (WhatsApp, Instagram, Facebook)',
      title: '{{component}} non raggiungibili',
      impact: 'major',
      components: { whatsapp: 'major_outage', instagram: 'major_outage', facebook: 'major_outage' },
      message:
        '{{component}} non funzionano, quindi **non possiamo leggere né rispondere ai vostri messaggi lì**.\n\nPer ordinare o modificare un ordine scriveteci su {{channel}}.',
    },
    {
      name: 'payment-provider-down',
      description: 'Fornitore dei pagamenti fuori servizio: le carte non passano',
      title: '{{component}} non disponibili',
      impact: 'major',
      components: { payments: 'major_outage' },
      message:
        'Il nostro fornitore dei pagamenti ha un problema: al momento i pagamenti con carta non vanno a buon fine. Il pagamento alla consegna funziona. Scriveremo qui appena le carte funzioneranno di nuovo.',
    },
    {
      name: 'website-down',
      description: 'Sito e ordini online non disponibili',
      title: '{{component}} non disponibili',
      impact: 'critical',
      components: { website: 'major_outage', ordering: 'major_outage' },
      message:
        'Al momento il nostro sito non è raggiungibile e non si possono fare ordini online. Ci stiamo lavorando.\n\nPer ordinare subito scriveteci su {{channel}}.',
    },
    {
      name: 'phone-line-down',
      description: 'Telefono del negozio fuori servizio',
      title: '{{component}} fuori servizio',
      impact: 'minor',
      components: { phone: 'major_outage' },
      message: 'La nostra linea telefonica è fuori servizio. Scriveteci invece su {{channel}}.',
    },
  ],
  fr: [
    {
      name: 'meta-down',
      description: 'Plateformes de Meta en panne (WhatsApp, Instagram, Facebook)',
      title: '{{component}} injoignables',
      impact: 'major',
      components: { whatsapp: 'major_outage', instagram: 'major_outage', facebook: 'major_outage' },
      message:
        '{{component}} sont en panne : **nous ne pouvons ni lire vos messages ni y répondre là-bas**.\n\nPour commander ou modifier une commande, écrivez-nous sur {{channel}}.',
    },
    {
      name: 'payment-provider-down',
      description: 'Prestataire de paiement en panne : les cartes ne passent pas',
      title: '{{component}} indisponibles',
      impact: 'major',
      components: { payments: 'major_outage' },
      message:
        'Notre prestataire de paiement rencontre un problème : les paiements par carte échouent pour le moment. Le paiement à la livraison fonctionne. Nous écrirons ici dès que les cartes fonctionneront à nouveau.',
    },
    {
      name: 'website-down',
      description: 'Site et commandes en ligne indisponibles',
      title: '{{component}} indisponibles',
      impact: 'critical',
      components: { website: 'major_outage', ordering: 'major_outage' },
      message:
        'Notre site est injoignable pour le moment et les commandes en ligne sont impossibles. Nous y travaillons.\n\nPour commander tout de suite, écrivez-nous sur {{channel}}.',
    },
    {
      name: 'phone-line-down',
      description: 'Ligne téléphonique du magasin hors service',
      title: '{{component}} hors service',
      impact: 'minor',
      components: { phone: 'major_outage' },
      message: 'Notre ligne téléphonique est hors service. Écrivez-nous plutôt sur {{channel}}.',
    },
  ],
};

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Forno Aurora"><circle cx="32" cy="32" r="30" fill="#c2410c"/><path d="M14 40c4-12 12-18 18-18s14 6 18 18" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/><circle cx="32" cy="40" r="5" fill="#fff"/></svg>\n`;

const CONFIG = `# Heliograph configuration: the one file an operator edits.
# Every key is documented in docs/configuration.md.
site:
  title: Forno Aurora status
  url: ${EXAMPLE_SITE_URL}
  base: /
  description: Is the Forno Aurora shop, delivery or chat down? Current status, incidents and how to reach us.
  locale: en
  time_zone: Europe/Rome
  logo: logo.svg

groups:
  - id: shop
    name: Online shop
    description: Ordering and paying on fornoaurora.example
  - id: delivery
    name: Delivery
  - id: channels
    name: Where we talk to you
    description: The platforms our customers write to us on

components:
  - id: website
    name: Website
    group: shop
    description: The shop at fornoaurora.example
    checks:
      - type: http
        url: https://fornoaurora.example/
        body_contains: Forno Aurora
        max_response_ms: 1500
  - id: ordering
    name: Online ordering
    group: shop
    description: Placing and changing orders
    checks:
      - type: http
        url: https://api.fornoaurora.example/health
        json: { path: status, equals: ok }
        max_response_ms: 1000
      - type: tls
        host: api.fornoaurora.example
  - id: payments
    name: Card payments
    group: shop
    third_party: true
    checks:
      - type: statuspage
        url: https://status.payments.example
        component: Card payments
  - id: tracking
    name: Delivery tracking
    group: delivery
    checks:
      - type: http
        url: https://track.fornoaurora.example/
  - id: phone
    name: Shop phone line
    group: delivery
    start_date: 2024-03-01
    description: Updated by our staff; there is no automated check
  - id: whatsapp
    name: WhatsApp
    group: channels
    third_party: true
    checks:
      - type: http
        url: https://web.whatsapp.com/
        max_response_ms: 3000
  - id: instagram
    name: Instagram
    group: channels
    third_party: true
    checks:
      - type: http
        url: https://www.instagram.com/
        max_response_ms: 3000
  - id: facebook
    name: Facebook
    group: channels
    third_party: true
    checks:
      - type: http
        url: https://www.facebook.com/
        max_response_ms: 3000

channels:
  - id: whatsapp
    name: WhatsApp
    kind: whatsapp
    url: https://wa.me/390115550199
    component: whatsapp
  - id: instagram
    name: Instagram
    kind: instagram
    url: https://instagram.com/fornoaurora
    component: instagram
  - id: facebook
    name: Facebook
    kind: facebook
    url: https://facebook.com/fornoaurora
    component: facebook
  - id: telegram
    name: Telegram
    kind: telegram
    url: https://t.me/fornoaurora
    fallback_order: 1
  - id: email
    name: E-mail
    kind: email
    url: mailto:ordini@fornoaurora.example
    label: ordini@fornoaurora.example
    fallback_order: 2
  - id: phone
    name: Phone
    kind: phone
    url: tel:+390115550199
    label: +39 011 555 0199
    component: phone
    fallback_order: 3

related: # components that fail together: an outage of several is one incident
  - [whatsapp, instagram, facebook] # Meta's platforms (one group here too; a set may cross groups)

probe:
  interval_minutes: 5
  retention_days: 14

subscriptions:
  url: https://subscribe.fornoaurora.example/
`;
