/**
 * Interface text in English, Italian and French, chosen by `site.locale`. Every key exists in
 * every language: the type of `en` is the contract the others must meet.
 */
import type { Locale } from '../config/schema.ts';
import type { ApiFile } from '../paths.ts';
import type {
  ComponentStatus,
  HealthStatus,
  Impact,
  IncidentStatus,
  Indicator,
  MaintenanceStatus,
} from '../status.ts';

const en = {
  indicator: {
    none: 'All Systems Operational',
    minor: 'Partially Degraded Service',
    major: 'Partial System Outage',
    critical: 'Major System Outage',
    maintenance: 'Service Under Maintenance',
  } satisfies Record<Indicator, string>,
  componentStatus: {
    operational: 'Operational',
    degraded_performance: 'Degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
  } satisfies Record<ComponentStatus, string>,
  incidentStatus: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
    postmortem: 'Postmortem',
  } satisfies Record<IncidentStatus, string>,
  maintenanceStatus: {
    scheduled: 'Scheduled',
    in_progress: 'In progress',
    verifying: 'Verifying',
    completed: 'Completed',
  } satisfies Record<MaintenanceStatus, string>,
  impact: {
    none: 'No impact',
    minor: 'Minor impact',
    major: 'Major impact',
    critical: 'Critical impact',
  } satisfies Record<Impact, string>,
  day: {
    nodata: 'No data',
    operational: 'No downtime',
    degraded: 'Degraded performance',
    partial: 'Partial outage',
    major: 'Major outage',
    maintenance: 'Maintenance',
  },
  activeIncidents: 'Active incidents',
  components: 'Components',
  otherComponents: 'Other components',
  maintenanceNow: 'Maintenance in progress',
  /** Headline of the reminder sent shortly before a window starts. */
  maintenanceSoon: 'Maintenance starting soon',
  /** Headline of the notice sent when a window has ended. */
  maintenanceEnded: 'Maintenance completed',
  /** The message of `npm run notify -- --test`: a headline and a sentence. */
  notifyTest: {
    title: 'Test message',
    text: 'Notifications from {site} reach this channel: news of incidents and maintenance will appear here.',
  },
  clockEvent: {
    in_progress: 'The maintenance window has begun.',
    completed: 'The maintenance window has ended.',
  },
  maintenanceUpcoming: 'Scheduled maintenance',
  /**
   * Sentences the product writes into incident files, in customers' words: the prober's automatic
   * incidents, closes and reopens synced from GitHub, and the editor's default resolution. The
   * component's name stands where nothing has to agree with it (after a colon, or after "with"),
   * so that each sentence is right whatever the name's gender and number.
   */
  incidentText: {
    /** Title of an automatic incident, by the status that opened it. */
    autoTitle: {
      major_outage: '{name}: service unavailable',
      partial_outage: '{name}: service partly unavailable',
    } satisfies Record<'major_outage' | 'partial_outage', string>,
    /** First update of an automatic incident. */
    autoOpened: {
      major_outage:
        'We are seeing problems with {name}: the service cannot be used at the moment. We are working on it and will post updates here.',
      partial_outage:
        'We are seeing problems with {name}: part of the service does not work at the moment. We are working on it and will post updates here.',
    } satisfies Record<'major_outage' | 'partial_outage', string>,
    /** Update when the outage changes before it is over, by the new status. */
    autoChanged: {
      major_outage:
        'The problem with {name} has got worse: the service cannot be used at the moment. We are still working on it.',
      partial_outage:
        'News on {name}: part of the service does not work at the moment. We are still working on it.',
      degraded_performance:
        'News on {name}: the service works again, but more slowly than usual. We are still working on it.',
    } satisfies Record<Exclude<HealthStatus, 'operational'>, string>,
    /** Last update of an automatic incident, when the checks pass again. */
    autoRecovered:
      'The problem with {name} is solved: the service works normally again. It lasted {duration}.',
    /**
     * One outage of several related components ({names}: a list in the language, "WhatsApp,
     * Instagram and Facebook"): its title and first update, by the worst status that opened it.
     */
    autoTitleMany: {
      major_outage: '{names}: services unavailable',
      partial_outage: '{names}: services partly unavailable',
    } satisfies Record<'major_outage' | 'partial_outage', string>,
    autoOpenedMany: {
      major_outage:
        'We are seeing problems with {names}: these services cannot be used at the moment. We are working on it and will post updates here.',
      partial_outage:
        'We are seeing problems with {names}: parts of these services do not work at the moment. We are working on it and will post updates here.',
    } satisfies Record<'major_outage' | 'partial_outage', string>,
    /** Related components that fail while the incident is open join it. */
    autoJoined: 'The problem now also affects {names}. We are working on it.',
    /** Some of an incident's components recovered while others are still down. */
    autoRecoveredPart: 'Back to normal: {names}. We are still working on the rest.',
    /** Last update of an automatic incident of several components. */
    autoRecoveredMany:
      'The problem with {names} is solved: everything works normally again. It lasted {duration}.',
    /** A resolution without words of its own: a closed issue, `incident resolve` without a message. */
    resolved: 'This incident has been resolved.',
    /** A reopened issue. */
    reopened: 'This incident has been reopened; we are looking into it again.',
  },
  /** Summary of the collapsed technical detail of an update (what the checks saw). */
  technicalDetail: 'Technical detail',
  /** A merged incident's page, before the link to the incident it joined. */
  mergedInto: 'This incident was joined to another one, where its updates are now:',
  recentIncidents: 'Recent incidents',
  noRecentIncidents: 'No incidents in the last 14 days.',
  subscribe: 'Subscribe to updates',
  history: 'Incident history',
  allHistory: 'All incidents and maintenance',
  lastChecked: 'Last checked',
  neverChecked: 'No check has run yet.',
  stale: 'No recent check',
  /**
   * The banner and the home share image when the newest sample is older than the freshness limit
   * (model/freshness.ts): since when, and what it means for the reader.
   */
  checksDelayed: 'Checks delayed since {time}.',
  staleNote: 'The status shown may be out of date.',
  uptime: 'Uptime',
  daysAgo: '90 days ago',
  today: 'Today',
  noData: 'no data',
  uptimeValue: '{pct} % uptime',
  /** Beside a 90-day bar, linking to the day-by-day detail. */
  barUptime: '{pct} % uptime over 90 days',
  /** The same, when the record began less than 90 days ago. */
  barUptimeSince: '{pct} % uptime since {date}',
  incidentCount: { one: '{n} incident', other: '{n} incidents' } satisfies Plural,
  /** An uptime figure over a period the record does not cover whole: since when, and of what. */
  uptimeSince: 'Since {date}',
  uptimeObserved: '{pct} % of the time observed',
  /** A component that no check and no incident speaks for. */
  notMonitored: 'Not monitored',
  notMonitoredNote:
    'Nothing watches this component yet: it has no automated check and no incident has been posted for it, so there is no status or uptime to report.',
  /** The banner when no component is monitored: nothing to call operational. */
  nothingMonitored: 'Nothing is monitored yet',
  incidentsThatDay: 'Incidents',
  /**
   * The channel box. Its heading says how each affected channel is, one sentence per status
   * (worst first), each in the number of the channels it names ("{channels}" is their list).
   */
  channels: {
    state: {
      major_outage: { one: '{channels} is unavailable', other: '{channels} are unavailable' },
      partial_outage: {
        one: '{channels} is partly unavailable',
        other: '{channels} are partly unavailable',
      },
      degraded_performance: { one: '{channels} is slow', other: '{channels} are slow' },
      under_maintenance: {
        one: '{channels} is under maintenance',
        other: '{channels} are under maintenance',
      },
    } satisfies Record<Exclude<ComponentStatus, 'operational'>, Plural>,
    /** Between two of those sentences. */
    separator: '; ',
    reachUs: 'You can still reach us:',
    noAlternative: 'We are working on it; updates will appear on this page.',
  },
  latestUpdate: 'Latest update',
  started: 'Started',
  resolved: 'Resolved',
  duration: 'Duration',
  ongoingFor: 'Ongoing for',
  affectedComponents: 'Affected components',
  updates: 'Updates',
  postmortem: 'Postmortem',
  window: 'Window',
  scheduledFor: 'Scheduled for',
  componentsUnderMaintenance: 'Components',
  uptime24h: 'Last 24 hours',
  uptime7d: 'Last 7 days',
  uptime30d: 'Last 30 days',
  uptime90d: 'Last 90 days',
  responseTime: 'Response time, last 24 hours',
  responseTimeSummary:
    'Hourly mean response time: lowest {min} ms, highest {max} ms, latest {last} ms.',
  noResponseTime: 'No response times measured in the last 24 hours.',
  /** Fewer than two hourly means: a chart would be a dot on empty axes. */
  noChartYet: 'Not enough data for a chart yet: it is drawn once two hours have been measured.',
  chartFrom: '24 h ago',
  chartTo: 'Now',
  incidentsAffecting: 'Incidents that touched this component',
  noIncidents: 'No incidents recorded.',
  dailyDetail: 'Day by day',
  date: 'Date',
  status: 'Status',
  noChecks: 'Status set by our team: this component has no automated check.',
  back: 'Back to current status',
  notFound: 'Page not found',
  notFoundText: 'There is nothing at this address. The current status is on the home page.',
  month: 'Month',
  newer: 'Newer',
  older: 'Older',
  nothingThisMonth: 'Nothing recorded this month.',
  maintenance: 'Maintenance',
  incident: 'Incident',
  months: 'Months',
  feeds: 'Feeds',
  calendar: 'Maintenance calendar',
  api: 'JSON API',
  badges: 'Badges',
  followComponent: 'Follow this component',
  /** The visitors' subscribe section: plain words first, formats second. */
  follow: {
    feedReader: 'Follow in a feed reader',
    otherFormats: 'Other formats:',
    calendar: 'Add maintenance windows to your calendar',
    channels: 'Or follow us where you already are:',
  },
  /** The page for developers: every file the site publishes for tools, one line each. */
  developers: {
    title: 'For developers',
    intro:
      'Everything this status page publishes for tools, as static files: a JSON API in the shape of Atlassian Statuspage’s, badges, a banner for your own website, feeds and a calendar.',
    api: {
      'summary.json':
        'Everything at once: page, components, unresolved incidents, maintenance and status',
      'status.json': 'The page indicator and its description',
      'components.json': 'Every component and group with its current status',
      'incidents.json': 'The 50 most recent incidents',
      'incidents/unresolved.json': 'Incidents not yet resolved',
      'incidents/all.json': 'Every incident, newest first',
      'scheduled-maintenances.json': 'The 50 most recent maintenance windows',
      'scheduled-maintenances/upcoming.json': 'Maintenance windows still to come',
      'scheduled-maintenances/active.json': 'Maintenance windows in progress',
      'scheduled-maintenances/all.json': 'Every maintenance window',
    } satisfies Record<ApiFile, string>,
    badgesIntro:
      'For each component: its status, its uptime over 30 days and its response time, as SVG images and as shields.io endpoint JSON.',
    embed: 'A banner for your website',
    embedIntro:
      'While an incident or a maintenance is under way, this script shows a banner with a link here and the channels that still work; otherwise it shows nothing.',
    feedLines: {
      rss: 'RSS 2.0: one entry per incident update and maintenance announcement',
      atom: 'Atom 1.0: the same entries',
      json: 'JSON Feed 1.1: the same entries',
      calendar: 'iCalendar: every maintenance window',
    },
    componentFeeds: 'Each component’s own feeds are on its page.',
    shareTexts:
      'Ready-to-post texts of every update of a recent incident (unresolved, or among the 200 newest)',
  },
  responseTimeValue: '{ms} ms response time',
  poweredBy: 'Status page by Heliograph, served apart from the services it reports on.',
  durationParts: { d: '{n} d', h: '{n} h', m: '{n} min', lessThanMinute: 'less than a minute' },
  embed: { label: 'Service status', incident: 'Incident', details: 'Details', dismiss: 'Dismiss' },
  share: {
    heading: 'Share this update',
    /** Before the share links, which come first: the box is a visitor's before an editor's. */
    visitors: 'Send this page to someone who needs it:',
    /** Summary of the folded texts for the business's team. */
    texts: 'Ready-to-post texts',
    intro: 'Ready-to-post text for each channel, with the same facts and the link.',
    affected: 'Affected',
    reachUs: 'Reach us',
    shareOn: 'Share on {channel}',
    shareOnServer: 'Share on {channel} ({server})',
    otherServer:
      'On another Mastodon server? Copy the Mastodon text from the ready-to-post texts below into it.',
    sms: 'Text message (SMS)',
    emailSubject: 'E-mail subject',
    emailBody: 'E-mail body',
    /**
     * Words a shortened text never ends on, lower-case and separated by spaces: joining words
     * that promise more ("WhatsApp and…"). A cut moves back to the word before them.
     */
    danglingWords: 'and or nor but the a an of for with to in on at by from',
  },
  subscriptions: {
    heading: 'Get updates by e-mail',
    email: 'E-mail address',
    component: 'About',
    allComponents: 'Every component',
    submit: 'Subscribe',
    note: 'We first send you a link to confirm. Every e-mail has a link to unsubscribe in one click.',
    honeypot: 'Leave this field empty',
    followers: {
      one: '{n} person follows this page by e-mail',
      other: '{n} people follow this page by e-mail',
    },
    back: 'Back to the status page',
    checkInbox: {
      title: 'Check your inbox',
      text: 'If {email} is not subscribed yet, a link to confirm is on its way. It works for {hours} hours; until it is opened we send nothing else.',
    },
    confirm: {
      title: 'Confirm your subscription',
      text: 'Send status updates from {site} to {email}?',
      button: 'Confirm',
    },
    confirmed: {
      title: 'Subscription confirmed',
      text: 'We will write to {email} when {site} posts about an incident or a maintenance.',
    },
    unsubscribe: {
      title: 'Unsubscribe',
      text: 'Stop status updates from {site} to {email}?',
      button: 'Unsubscribe',
    },
    unsubscribed: {
      title: 'You are unsubscribed',
      text: 'We will send nothing more, and this address is erased from our list.',
    },
    preferences: {
      title: 'Your subscription',
      text: 'Which components should {email} hear about? None ticked means all of them.',
      button: 'Save',
      saved: 'Saved: your choice applies from the next update.',
      unsubscribe: 'Unsubscribe instead',
    },
    problem: {
      title: 'Nothing was saved',
      email: 'Enter one e-mail address, such as name@example.com.',
      lineBreak: 'The form held a line break where none belongs.',
      component: 'That component is not on this status page.',
      honeypot: 'The field “{field}” must stay empty.',
      tooLarge: 'The form is too large.',
      unreadable: 'The form could not be read; send it from the status page.',
      tooManyClient: 'Too many sign-ups from your network; try again in {minutes} minutes.',
      tooManyAddress:
        'A confirmation e-mail went to this address a short while ago. Look in your inbox and spam folder, or try again in {minutes} minutes.',
      linkInvalid:
        'This link is not valid: it may have been cut or changed. Open the whole link from the e-mail.',
      linkExpired: 'This link has expired. Subscribe again from the status page to get a new one.',
      gone: 'This address is no longer on our list.',
    },
    confirmMail: {
      subject: 'Confirm your subscription to {site}',
      body: 'Someone, probably you, asked for status updates from {site} at this address.\n\nTo confirm, open this link within {hours} hours:\n{link}\n\nIf it was not you, ignore this e-mail: without a confirmation we send nothing more.',
      unsubscribe: 'To erase this address from our list now: {unsubscribe}',
    },
    footer:
      'You receive this because this address follows {site}.\nChoose what you hear about: {preferences}\nUnsubscribe in one click: {unsubscribe}',
  },
};

/** The messages of one language. */
export type Messages = typeof en;

/**
 * A sentence in the forms a count needs: `one` for what `Intl.PluralRules` calls "one" in the
 * site's language (1 in English and Italian, 0 and 1 in French), `other` for the rest.
 */
export interface Plural {
  one: string;
  other: string;
}

const it: Messages = {
  indicator: {
    none: 'Tutti i sistemi operativi',
    minor: 'Servizio parzialmente degradato',
    major: 'Interruzione parziale',
    critical: 'Interruzione grave',
    maintenance: 'Servizio in manutenzione',
  },
  componentStatus: {
    operational: 'Operativo',
    degraded_performance: 'Prestazioni ridotte',
    partial_outage: 'Interruzione parziale',
    major_outage: 'Interruzione grave',
    under_maintenance: 'In manutenzione',
  },
  incidentStatus: {
    investigating: 'Analisi in corso',
    identified: 'Causa individuata',
    monitoring: 'Sotto osservazione',
    resolved: 'Risolto',
    postmortem: 'Analisi conclusiva',
  },
  maintenanceStatus: {
    scheduled: 'Programmata',
    in_progress: 'In corso',
    verifying: 'In verifica',
    completed: 'Completata',
  },
  impact: {
    none: 'Nessun impatto',
    minor: 'Impatto lieve',
    major: 'Impatto grave',
    critical: 'Impatto critico',
  },
  day: {
    nodata: 'Nessun dato',
    operational: 'Nessuna interruzione',
    degraded: 'Prestazioni ridotte',
    partial: 'Interruzione parziale',
    major: 'Interruzione grave',
    maintenance: 'Manutenzione',
  },
  activeIncidents: 'Incidenti in corso',
  components: 'Componenti',
  otherComponents: 'Altri componenti',
  maintenanceNow: 'Manutenzione in corso',
  maintenanceSoon: 'Manutenzione a breve',
  maintenanceEnded: 'Manutenzione completata',
  notifyTest: {
    title: 'Messaggio di prova',
    text: 'Le notifiche di {site} arrivano su questo canale: qui compariranno le notizie su incidenti e manutenzioni.',
  },
  clockEvent: {
    in_progress: 'La finestra di manutenzione è iniziata.',
    completed: 'La finestra di manutenzione è terminata.',
  },
  maintenanceUpcoming: 'Manutenzione programmata',
  incidentText: {
    autoTitle: {
      major_outage: '{name}: servizio non disponibile',
      partial_outage: '{name}: servizio in parte non disponibile',
    },
    autoOpened: {
      major_outage:
        'Stiamo riscontrando problemi con {name}: al momento il servizio non è utilizzabile. Ci stiamo lavorando e pubblicheremo qui gli aggiornamenti.',
      partial_outage:
        'Stiamo riscontrando problemi con {name}: al momento una parte del servizio non funziona. Ci stiamo lavorando e pubblicheremo qui gli aggiornamenti.',
    },
    autoChanged: {
      major_outage:
        'Il problema con {name} si è aggravato: al momento il servizio non è utilizzabile. Ci stiamo ancora lavorando.',
      partial_outage:
        'Aggiornamento su {name}: al momento una parte del servizio non funziona. Ci stiamo ancora lavorando.',
      degraded_performance:
        'Aggiornamento su {name}: il servizio funziona di nuovo, ma più lentamente del solito. Ci stiamo ancora lavorando.',
    },
    autoRecovered:
      'Il problema con {name} è risolto: il servizio funziona di nuovo normalmente. È durato {duration}.',
    autoTitleMany: {
      major_outage: '{names}: servizi non disponibili',
      partial_outage: '{names}: servizi in parte non disponibili',
    },
    autoOpenedMany: {
      major_outage:
        'Stiamo riscontrando problemi con {names}: al momento questi servizi non sono utilizzabili. Ci stiamo lavorando e pubblicheremo qui gli aggiornamenti.',
      partial_outage:
        'Stiamo riscontrando problemi con {names}: al momento una parte di questi servizi non funziona. Ci stiamo lavorando e pubblicheremo qui gli aggiornamenti.',
    },
    autoJoined: 'Il problema ora riguarda anche {names}. Ci stiamo lavorando.',
    autoRecoveredPart: 'Di nuovo a posto: {names}. Stiamo ancora lavorando sul resto.',
    autoRecoveredMany:
      'Il problema con {names} è risolto: tutto funziona di nuovo normalmente. È durato {duration}.',
    resolved: 'Il problema è stato risolto.',
    reopened: 'L’incidente è stato riaperto: stiamo verificando di nuovo.',
  },
  technicalDetail: 'Dettaglio tecnico',
  mergedInto:
    'Questo incidente è stato unito a un altro, dove ora si trovano i suoi aggiornamenti:',
  recentIncidents: 'Incidenti recenti',
  noRecentIncidents: 'Nessun incidente negli ultimi 14 giorni.',
  subscribe: 'Ricevi gli aggiornamenti',
  history: 'Storico degli incidenti',
  allHistory: 'Tutti gli incidenti e le manutenzioni',
  lastChecked: 'Ultimo controllo',
  neverChecked: 'Nessun controllo eseguito finora.',
  stale: 'Nessun controllo recente',
  checksDelayed: 'Controlli in ritardo dal {time}.',
  staleNote: 'Lo stato mostrato potrebbe non essere aggiornato.',
  uptime: 'Disponibilità',
  daysAgo: '90 giorni fa',
  today: 'Oggi',
  noData: 'nessun dato',
  uptimeValue: 'disponibilità {pct} %',
  barUptime: 'disponibilità {pct} % in 90 giorni',
  barUptimeSince: 'disponibilità {pct} % dal {date}',
  incidentCount: { one: '{n} incidente', other: '{n} incidenti' },
  uptimeSince: 'Dal {date}',
  uptimeObserved: '{pct} % del tempo osservato',
  notMonitored: 'Non monitorato',
  notMonitoredNote:
    'Per ora nulla sorveglia questo componente: non ha controlli automatici e non è stato pubblicato alcun incidente che lo riguardi, quindi non c’è stato né disponibilità da riportare.',
  nothingMonitored: 'Per ora nulla è monitorato',
  incidentsThatDay: 'Incidenti',
  channels: {
    state: {
      major_outage: {
        one: '{channels} non è disponibile',
        other: '{channels} non sono disponibili',
      },
      partial_outage: {
        one: '{channels} è in parte non disponibile',
        other: '{channels} sono in parte non disponibili',
      },
      // "Lento" would agree in gender too, and a channel's gender is unknown (l'e-mail, il
      // telefono): the verb agrees in number only.
      degraded_performance: {
        one: '{channels} funziona a rilento',
        other: '{channels} funzionano a rilento',
      },
      under_maintenance: {
        one: '{channels} è in manutenzione',
        other: '{channels} sono in manutenzione',
      },
    },
    separator: '; ',
    reachUs: 'Puoi comunque contattarci:',
    noAlternative: 'Ci stiamo lavorando; gli aggiornamenti compariranno su questa pagina.',
  },
  latestUpdate: 'Ultimo aggiornamento',
  started: 'Inizio',
  resolved: 'Risolto',
  duration: 'Durata',
  ongoingFor: 'In corso da',
  affectedComponents: 'Componenti coinvolti',
  updates: 'Aggiornamenti',
  postmortem: 'Analisi conclusiva',
  window: 'Finestra',
  scheduledFor: 'Programmata per',
  componentsUnderMaintenance: 'Componenti',
  uptime24h: 'Ultime 24 ore',
  uptime7d: 'Ultimi 7 giorni',
  uptime30d: 'Ultimi 30 giorni',
  uptime90d: 'Ultimi 90 giorni',
  responseTime: 'Tempo di risposta, ultime 24 ore',
  responseTimeSummary:
    'Media oraria del tempo di risposta: minimo {min} ms, massimo {max} ms, ultimo {last} ms.',
  noResponseTime: 'Nessun tempo di risposta misurato nelle ultime 24 ore.',
  noChartYet: 'Dati ancora insufficienti per un grafico: comparirà dopo due ore di misurazioni.',
  chartFrom: '24 ore fa',
  chartTo: 'Adesso',
  incidentsAffecting: 'Incidenti che hanno coinvolto questo componente',
  noIncidents: 'Nessun incidente registrato.',
  dailyDetail: 'Giorno per giorno',
  date: 'Data',
  status: 'Stato',
  noChecks: 'Stato indicato dal nostro team: questo componente non ha controlli automatici.',
  back: 'Torna allo stato attuale',
  notFound: 'Pagina non trovata',
  notFoundText: 'A questo indirizzo non c’è nulla. Lo stato attuale è nella pagina principale.',
  month: 'Mese',
  newer: 'Più recenti',
  older: 'Meno recenti',
  nothingThisMonth: 'Nulla da segnalare in questo mese.',
  maintenance: 'Manutenzione',
  incident: 'Incidente',
  months: 'Mesi',
  feeds: 'Feed',
  calendar: 'Calendario delle manutenzioni',
  api: 'API JSON',
  badges: 'Badge',
  followComponent: 'Segui questo componente',
  follow: {
    feedReader: 'Segui con un lettore di feed',
    otherFormats: 'Altri formati:',
    calendar: 'Aggiungi le manutenzioni al tuo calendario',
    channels: 'Oppure seguici dove sei già:',
  },
  developers: {
    title: 'Per sviluppatori',
    intro:
      'Tutto ciò che questa pagina di stato pubblica per altri strumenti, come file statici: un’API JSON nel formato di Atlassian Statuspage, badge, un banner per il tuo sito, feed e un calendario.',
    api: {
      'summary.json':
        'Tutto insieme: pagina, componenti, incidenti non risolti, manutenzioni e stato',
      'status.json': 'L’indicatore della pagina e la sua descrizione',
      'components.json': 'Ogni componente e gruppo con il suo stato attuale',
      'incidents.json': 'I 50 incidenti più recenti',
      'incidents/unresolved.json': 'Gli incidenti non ancora risolti',
      'incidents/all.json': 'Tutti gli incidenti, dal più recente',
      'scheduled-maintenances.json': 'Le 50 manutenzioni più recenti',
      'scheduled-maintenances/upcoming.json': 'Le manutenzioni ancora da svolgere',
      'scheduled-maintenances/active.json': 'Le manutenzioni in corso',
      'scheduled-maintenances/all.json': 'Tutte le manutenzioni',
    },
    badgesIntro:
      'Per ogni componente: il suo stato, la disponibilità su 30 giorni e il tempo di risposta, come immagini SVG e come JSON per gli endpoint di shields.io.',
    embed: 'Un banner per il tuo sito',
    embedIntro:
      'Durante un incidente o una manutenzione questo script mostra un banner con un link a questa pagina e i canali che funzionano ancora; altrimenti non mostra nulla.',
    feedLines: {
      rss: 'RSS 2.0: una voce per ogni aggiornamento di un incidente e annuncio di manutenzione',
      atom: 'Atom 1.0: le stesse voci',
      json: 'JSON Feed 1.1: le stesse voci',
      calendar: 'iCalendar: tutte le manutenzioni',
    },
    componentFeeds: 'I feed di ogni componente sono sulla sua pagina.',
    shareTexts:
      'Testi pronti da pubblicare per ogni aggiornamento di un incidente recente (non risolto, o tra i 200 più recenti)',
  },
  responseTimeValue: 'tempo di risposta {ms} ms',
  poweredBy: 'Pagina di stato Heliograph, ospitata separatamente dai servizi che descrive.',
  durationParts: { d: '{n} g', h: '{n} h', m: '{n} min', lessThanMinute: 'meno di un minuto' },
  embed: {
    label: 'Stato del servizio',
    incident: 'Incidente',
    details: 'Dettagli',
    dismiss: 'Chiudi',
  },
  share: {
    heading: 'Condividi questo aggiornamento',
    visitors: 'Invia questa pagina a chi ne ha bisogno:',
    texts: 'Testi pronti da pubblicare',
    intro: 'Testi pronti per ogni canale, con gli stessi fatti e il link.',
    affected: 'Coinvolti',
    reachUs: 'Contattaci',
    shareOn: 'Condividi su {channel}',
    shareOnServer: 'Condividi su {channel} ({server})',
    otherServer:
      'Usi un altro server Mastodon? Copia il testo per Mastodon dai testi pronti qui sotto.',
    sms: 'Messaggio (SMS)',
    emailSubject: 'Oggetto dell’e-mail',
    emailBody: 'Testo dell’e-mail',
    danglingWords:
      'e ed o od né ma il lo la i gli le l un uno una di del della dei delle a al alla da dal in nel nella con su sul per tra fra',
  },
  subscriptions: {
    heading: 'Ricevi gli aggiornamenti per e-mail',
    email: 'Indirizzo e-mail',
    component: 'Su cosa',
    allComponents: 'Tutti i componenti',
    submit: 'Iscriviti',
    note: 'Prima ti mandiamo un link di conferma. Ogni e-mail ha un link per disiscriverti con un clic.',
    honeypot: 'Lascia vuoto questo campo',
    followers: {
      one: '{n} persona segue questa pagina per e-mail',
      other: '{n} persone seguono questa pagina per e-mail',
    },
    back: 'Torna alla pagina di stato',
    checkInbox: {
      title: 'Controlla la posta',
      text: 'Se {email} non è ancora iscritto, sta arrivando un link di conferma. Vale {hours} ore; finché non viene aperto non mandiamo nient’altro.',
    },
    confirm: {
      title: 'Conferma l’iscrizione',
      text: 'Inviare gli aggiornamenti di {site} a {email}?',
      button: 'Conferma',
    },
    confirmed: {
      title: 'Iscrizione confermata',
      text: 'Scriveremo a {email} quando {site} pubblica un incidente o una manutenzione.',
    },
    unsubscribe: {
      title: 'Disiscriviti',
      text: 'Smettere di inviare gli aggiornamenti di {site} a {email}?',
      button: 'Disiscriviti',
    },
    unsubscribed: {
      title: 'Non sei più iscritto',
      text: 'Non manderemo più nulla, e questo indirizzo è cancellato dalla nostra lista.',
    },
    preferences: {
      title: 'La tua iscrizione',
      text: 'Su quali componenti vuoi ricevere notizie a {email}? Nessuna scelta vuol dire tutti.',
      button: 'Salva',
      saved: 'Salvato: la scelta vale dal prossimo aggiornamento.',
      unsubscribe: 'Disiscriviti invece',
    },
    problem: {
      title: 'Nulla è stato salvato',
      email: 'Scrivi un indirizzo e-mail, come nome@esempio.it.',
      lineBreak: 'Il modulo conteneva un a capo dove non può esserci.',
      component: 'Questo componente non è su questa pagina di stato.',
      honeypot: 'Il campo «{field}» deve restare vuoto.',
      tooLarge: 'Il modulo è troppo grande.',
      unreadable: 'Non è stato possibile leggere il modulo; invialo dalla pagina di stato.',
      tooManyClient: 'Troppe iscrizioni dalla tua rete; riprova tra {minutes} minuti.',
      tooManyAddress:
        'Poco fa è partita un’e-mail di conferma per questo indirizzo. Guarda nella posta in arrivo e nello spam, o riprova tra {minutes} minuti.',
      linkInvalid:
        'Questo link non è valido: forse è stato tagliato o modificato. Apri il link completo dall’e-mail.',
      linkExpired:
        'Questo link è scaduto. Iscriviti di nuovo dalla pagina di stato per riceverne uno nuovo.',
      gone: 'Questo indirizzo non è più nella nostra lista.',
    },
    confirmMail: {
      subject: 'Conferma l’iscrizione a {site}',
      body: 'Qualcuno, probabilmente tu, ha chiesto gli aggiornamenti di {site} a questo indirizzo.\n\nPer confermare, apri questo link entro {hours} ore:\n{link}\n\nSe non sei stato tu, ignora questa e-mail: senza conferma non mandiamo più nulla.',
      unsubscribe: 'Per cancellare subito questo indirizzo dalla nostra lista: {unsubscribe}',
    },
    footer:
      'Ricevi questa e-mail perché questo indirizzo segue {site}.\nScegli su cosa ricevere notizie: {preferences}\nDisiscriviti con un clic: {unsubscribe}',
  },
};

const fr: Messages = {
  indicator: {
    none: 'Tous les systèmes sont opérationnels',
    minor: 'Service partiellement dégradé',
    major: 'Panne partielle',
    critical: 'Panne majeure',
    maintenance: 'Service en maintenance',
  },
  componentStatus: {
    operational: 'Opérationnel',
    degraded_performance: 'Performances dégradées',
    partial_outage: 'Panne partielle',
    major_outage: 'Panne majeure',
    under_maintenance: 'En maintenance',
  },
  incidentStatus: {
    investigating: 'Analyse en cours',
    identified: 'Cause identifiée',
    monitoring: 'Sous surveillance',
    resolved: 'Résolu',
    postmortem: 'Analyse post-incident',
  },
  maintenanceStatus: {
    scheduled: 'Planifiée',
    in_progress: 'En cours',
    verifying: 'Vérification',
    completed: 'Terminée',
  },
  impact: {
    none: 'Aucun impact',
    minor: 'Impact mineur',
    major: 'Impact majeur',
    critical: 'Impact critique',
  },
  day: {
    nodata: 'Aucune donnée',
    operational: 'Aucune interruption',
    degraded: 'Performances dégradées',
    partial: 'Panne partielle',
    major: 'Panne majeure',
    maintenance: 'Maintenance',
  },
  activeIncidents: 'Incidents en cours',
  components: 'Composants',
  otherComponents: 'Autres composants',
  maintenanceNow: 'Maintenance en cours',
  maintenanceSoon: 'Maintenance imminente',
  maintenanceEnded: 'Maintenance terminée',
  notifyTest: {
    title: 'Message de test',
    text: 'Les notifications de {site} arrivent sur ce canal : les nouvelles des incidents et des maintenances paraîtront ici.',
  },
  clockEvent: {
    in_progress: 'Le créneau de maintenance a commencé.',
    completed: 'Le créneau de maintenance est terminé.',
  },
  maintenanceUpcoming: 'Maintenance planifiée',
  incidentText: {
    autoTitle: {
      major_outage: '{name} : service indisponible',
      partial_outage: '{name} : service partiellement indisponible',
    },
    autoOpened: {
      major_outage:
        'Nous constatons des problèmes avec {name} : pour le moment, le service ne peut pas être utilisé. Nous y travaillons et publierons ici les prochaines mises à jour.',
      partial_outage:
        'Nous constatons des problèmes avec {name} : pour le moment, une partie du service ne fonctionne pas. Nous y travaillons et publierons ici les prochaines mises à jour.',
    },
    autoChanged: {
      major_outage:
        'Le problème avec {name} s’est aggravé : pour le moment, le service ne peut pas être utilisé. Nous y travaillons toujours.',
      partial_outage:
        'Point sur {name} : pour le moment, une partie du service ne fonctionne pas. Nous y travaillons toujours.',
      degraded_performance:
        'Point sur {name} : le service fonctionne à nouveau, mais plus lentement que d’habitude. Nous y travaillons toujours.',
    },
    autoRecovered:
      'Le problème avec {name} est résolu : le service fonctionne à nouveau normalement. Il a duré {duration}.',
    autoTitleMany: {
      major_outage: '{names} : services indisponibles',
      partial_outage: '{names} : services partiellement indisponibles',
    },
    autoOpenedMany: {
      major_outage:
        'Nous constatons des problèmes avec {names} : pour le moment, ces services ne peuvent pas être utilisés. Nous y travaillons et publierons ici les prochaines mises à jour.',
      partial_outage:
        'Nous constatons des problèmes avec {names} : pour le moment, une partie de ces services ne fonctionne pas. Nous y travaillons et publierons ici les prochaines mises à jour.',
    },
    autoJoined: 'Le problème touche désormais aussi {names}. Nous y travaillons.',
    autoRecoveredPart: 'Retour à la normale pour {names}. Nous travaillons toujours sur le reste.',
    autoRecoveredMany:
      'Le problème avec {names} est résolu : tout fonctionne à nouveau normalement. Il a duré {duration}.',
    resolved: 'Cet incident est résolu.',
    reopened: 'L’incident a été rouvert : nous enquêtons à nouveau.',
  },
  technicalDetail: 'Détail technique',
  mergedInto: 'Cet incident a été réuni à un autre, où se trouvent désormais ses mises à jour :',
  recentIncidents: 'Incidents récents',
  noRecentIncidents: 'Aucun incident ces 14 derniers jours.',
  subscribe: 'Suivre les mises à jour',
  history: 'Historique des incidents',
  allHistory: 'Tous les incidents et maintenances',
  lastChecked: 'Dernière vérification',
  neverChecked: 'Aucune vérification pour l’instant.',
  stale: 'Pas de vérification récente',
  checksDelayed: 'Vérifications en retard depuis le {time}.',
  staleNote: 'L’état affiché peut ne plus être à jour.',
  uptime: 'Disponibilité',
  daysAgo: 'il y a 90 jours',
  today: 'Aujourd’hui',
  noData: 'aucune donnée',
  uptimeValue: 'disponibilité {pct} %',
  barUptime: 'disponibilité {pct} % sur 90 jours',
  barUptimeSince: 'disponibilité {pct} % depuis le {date}',
  incidentCount: { one: '{n} incident', other: '{n} incidents' },
  uptimeSince: 'Depuis le {date}',
  uptimeObserved: '{pct} % du temps observé',
  notMonitored: 'Non surveillé',
  notMonitoredNote:
    'Rien ne surveille encore ce composant : il n’a pas de vérification automatique et aucun incident n’a été publié à son sujet, il n’y a donc ni état ni disponibilité à signaler.',
  nothingMonitored: 'Rien n’est encore surveillé',
  incidentsThatDay: 'Incidents',
  channels: {
    state: {
      major_outage: { one: '{channels} est indisponible', other: '{channels} sont indisponibles' },
      partial_outage: {
        one: '{channels} est partiellement indisponible',
        other: '{channels} sont partiellement indisponibles',
      },
      // As in Italian, "lent" would agree in gender: the verb agrees in number only.
      degraded_performance: {
        one: '{channels} fonctionne au ralenti',
        other: '{channels} fonctionnent au ralenti',
      },
      under_maintenance: {
        one: '{channels} est en maintenance',
        other: '{channels} sont en maintenance',
      },
    },
    separator: ' ; ',
    reachUs: 'Vous pouvez toujours nous joindre :',
    noAlternative: 'Nous y travaillons ; les mises à jour paraîtront sur cette page.',
  },
  latestUpdate: 'Dernière mise à jour',
  started: 'Début',
  resolved: 'Résolu',
  duration: 'Durée',
  ongoingFor: 'En cours depuis',
  affectedComponents: 'Composants touchés',
  updates: 'Mises à jour',
  postmortem: 'Analyse post-incident',
  window: 'Créneau',
  scheduledFor: 'Prévue le',
  componentsUnderMaintenance: 'Composants',
  uptime24h: 'Dernières 24 heures',
  uptime7d: '7 derniers jours',
  uptime30d: '30 derniers jours',
  uptime90d: '90 derniers jours',
  responseTime: 'Temps de réponse, dernières 24 heures',
  responseTimeSummary:
    'Temps de réponse moyen par heure : minimum {min} ms, maximum {max} ms, dernier {last} ms.',
  noResponseTime: 'Aucun temps de réponse mesuré ces dernières 24 heures.',
  noChartYet:
    'Pas encore assez de données pour un graphique : il apparaîtra après deux heures de mesures.',
  chartFrom: 'Il y a 24 h',
  chartTo: 'Maintenant',
  incidentsAffecting: 'Incidents ayant touché ce composant',
  noIncidents: 'Aucun incident enregistré.',
  dailyDetail: 'Jour par jour',
  date: 'Date',
  status: 'État',
  noChecks: 'État indiqué par notre équipe : ce composant n’a pas de vérification automatique.',
  back: 'Retour à l’état actuel',
  notFound: 'Page introuvable',
  notFoundText: 'Il n’y a rien à cette adresse. L’état actuel est sur la page d’accueil.',
  month: 'Mois',
  newer: 'Plus récents',
  older: 'Plus anciens',
  nothingThisMonth: 'Rien à signaler ce mois-ci.',
  maintenance: 'Maintenance',
  incident: 'Incident',
  months: 'Mois',
  feeds: 'Flux',
  calendar: 'Calendrier des maintenances',
  api: 'API JSON',
  badges: 'Badges',
  followComponent: 'Suivre ce composant',
  follow: {
    feedReader: 'Suivre dans un lecteur de flux',
    otherFormats: 'Autres formats :',
    calendar: 'Ajouter les maintenances à votre agenda',
    channels: 'Ou suivez-nous là où vous êtes déjà :',
  },
  developers: {
    title: 'Pour les développeurs',
    intro:
      'Tout ce que cette page d’état publie pour d’autres outils, en fichiers statiques : une API JSON au format d’Atlassian Statuspage, des badges, un bandeau pour votre site, des flux et un agenda.',
    api: {
      'summary.json':
        'Tout à la fois : page, composants, incidents non résolus, maintenances et état',
      'status.json': 'L’indicateur de la page et sa description',
      'components.json': 'Chaque composant et groupe avec son état actuel',
      'incidents.json': 'Les 50 incidents les plus récents',
      'incidents/unresolved.json': 'Les incidents pas encore résolus',
      'incidents/all.json': 'Tous les incidents, du plus récent au plus ancien',
      'scheduled-maintenances.json': 'Les 50 maintenances les plus récentes',
      'scheduled-maintenances/upcoming.json': 'Les maintenances à venir',
      'scheduled-maintenances/active.json': 'Les maintenances en cours',
      'scheduled-maintenances/all.json': 'Toutes les maintenances',
    },
    badgesIntro:
      'Pour chaque composant : son état, sa disponibilité sur 30 jours et son temps de réponse, en images SVG et en JSON pour les endpoints de shields.io.',
    embed: 'Un bandeau pour votre site',
    embedIntro:
      'Pendant un incident ou une maintenance, ce script affiche un bandeau avec un lien vers cette page et les canaux qui fonctionnent encore ; sinon il n’affiche rien.',
    feedLines: {
      rss: 'RSS 2.0 : une entrée par mise à jour d’incident et annonce de maintenance',
      atom: 'Atom 1.0 : les mêmes entrées',
      json: 'JSON Feed 1.1 : les mêmes entrées',
      calendar: 'iCalendar : toutes les maintenances',
    },
    componentFeeds: 'Les flux de chaque composant sont sur sa page.',
    shareTexts:
      'Textes prêts à publier de chaque mise à jour d’un incident récent (non résolu, ou parmi les 200 plus récents)',
  },
  responseTimeValue: 'temps de réponse {ms} ms',
  poweredBy: 'Page d’état Heliograph, hébergée à l’écart des services qu’elle décrit.',
  durationParts: { d: '{n} j', h: '{n} h', m: '{n} min', lessThanMinute: 'moins d’une minute' },
  embed: { label: 'État du service', incident: 'Incident', details: 'Détails', dismiss: 'Fermer' },
  share: {
    heading: 'Partager cette mise à jour',
    visitors: 'Envoyez cette page à qui en a besoin :',
    texts: 'Textes prêts à publier',
    intro: 'Des textes prêts à publier sur chaque canal, avec les mêmes faits et le lien.',
    affected: 'Touchés',
    reachUs: 'Joignez-nous',
    shareOn: 'Partager sur {channel}',
    shareOnServer: 'Partager sur {channel} ({server})',
    otherServer:
      'Sur un autre serveur Mastodon ? Copiez-y le texte pour Mastodon des textes prêts à publier ci-dessous.',
    sms: 'Message (SMS)',
    emailSubject: 'Objet de l’e-mail',
    emailBody: 'Texte de l’e-mail',
    danglingWords:
      'et ou ni mais le la les l un une des de du d à au aux en pour par sur avec dans chez',
  },
  subscriptions: {
    heading: 'Recevoir les mises à jour par e-mail',
    email: 'Adresse e-mail',
    component: 'Au sujet de',
    allComponents: 'Tous les composants',
    submit: 'S’abonner',
    note: 'Nous envoyons d’abord un lien de confirmation. Chaque e-mail a un lien pour se désabonner en un clic.',
    honeypot: 'Laissez ce champ vide',
    followers: {
      one: '{n} personne suit cette page par e-mail',
      other: '{n} personnes suivent cette page par e-mail',
    },
    back: 'Retour à la page d’état',
    checkInbox: {
      title: 'Consultez votre boîte de réception',
      text: 'Si {email} n’est pas encore abonné, un lien de confirmation est en route. Il est valable {hours} heures ; tant qu’il n’est pas ouvert, nous n’envoyons rien d’autre.',
    },
    confirm: {
      title: 'Confirmer votre abonnement',
      text: 'Envoyer les mises à jour de {site} à {email} ?',
      button: 'Confirmer',
    },
    confirmed: {
      title: 'Abonnement confirmé',
      text: 'Nous écrirons à {email} quand {site} publie un incident ou une maintenance.',
    },
    unsubscribe: {
      title: 'Se désabonner',
      text: 'Ne plus envoyer les mises à jour de {site} à {email} ?',
      button: 'Se désabonner',
    },
    unsubscribed: {
      title: 'Vous êtes désabonné',
      text: 'Nous n’enverrons plus rien, et cette adresse est effacée de notre liste.',
    },
    preferences: {
      title: 'Votre abonnement',
      text: 'Sur quels composants {email} doit-il recevoir des nouvelles ? Aucune case cochée signifie tous.',
      button: 'Enregistrer',
      saved: 'Enregistré : votre choix vaut dès la prochaine mise à jour.',
      unsubscribe: 'Se désabonner plutôt',
    },
    problem: {
      title: 'Rien n’a été enregistré',
      email: 'Saisissez une adresse e-mail, comme nom@exemple.fr.',
      lineBreak: 'Le formulaire contenait un saut de ligne là où il n’en faut pas.',
      component: 'Ce composant ne figure pas sur cette page d’état.',
      honeypot: 'Le champ « {field} » doit rester vide.',
      tooLarge: 'Le formulaire est trop volumineux.',
      unreadable: 'Le formulaire n’a pas pu être lu ; envoyez-le depuis la page d’état.',
      tooManyClient: 'Trop d’inscriptions depuis votre réseau ; réessayez dans {minutes} minutes.',
      tooManyAddress:
        'Un e-mail de confirmation est parti vers cette adresse il y a peu. Regardez dans votre boîte de réception et vos indésirables, ou réessayez dans {minutes} minutes.',
      linkInvalid:
        'Ce lien n’est pas valide : il a peut-être été coupé ou modifié. Ouvrez le lien complet depuis l’e-mail.',
      linkExpired:
        'Ce lien a expiré. Abonnez-vous à nouveau depuis la page d’état pour en recevoir un autre.',
      gone: 'Cette adresse ne figure plus sur notre liste.',
    },
    confirmMail: {
      subject: 'Confirmez votre abonnement à {site}',
      body: 'Quelqu’un, sans doute vous, a demandé les mises à jour de {site} à cette adresse.\n\nPour confirmer, ouvrez ce lien dans les {hours} heures :\n{link}\n\nSi ce n’était pas vous, ignorez cet e-mail : sans confirmation, nous n’envoyons plus rien.',
      unsubscribe: 'Pour effacer dès maintenant cette adresse de notre liste : {unsubscribe}',
    },
    footer:
      'Vous recevez cet e-mail parce que cette adresse suit {site}.\nChoisir les sujets : {preferences}\nSe désabonner en un clic : {unsubscribe}',
  },
};

const MESSAGES: Record<Locale, Messages> = { en, it, fr };

/** The messages of a language. */
export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
