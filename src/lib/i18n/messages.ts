/**
 * Interface text in English, Italian and French, chosen by `site.locale`. Every key exists in
 * every language: the type of `en` is the contract the others must meet.
 */
import type { Locale } from '../config/schema.ts';
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
  skipBars: 'Skip the uptime bars',
  otherComponents: 'Other components',
  maintenanceNow: 'Maintenance in progress',
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
    /** A resolution without words of its own: a closed issue, `incident resolve` without a message. */
    resolved: 'This incident has been resolved.',
    /** A reopened issue. */
    reopened: 'This incident has been reopened; we are looking into it again.',
  },
  /** Summary of the collapsed technical detail of an update (what the checks saw). */
  technicalDetail: 'Technical detail',
  recentIncidents: 'Recent incidents',
  noRecentIncidents: 'No incidents in the last 14 days.',
  subscribe: 'Subscribe to updates',
  history: 'Incident history',
  allHistory: 'All incidents and maintenance',
  lastChecked: 'Last checked',
  neverChecked: 'No check has run yet.',
  stale: 'No recent check',
  uptime: 'Uptime',
  uptimeBar: '{name}: uptime over the last 90 days',
  daysAgo: '90 days ago',
  today: 'Today',
  noData: 'no data',
  uptimeValue: '{pct} % uptime',
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
  skipBars: 'Salta le barre di disponibilità',
  otherComponents: 'Altri componenti',
  maintenanceNow: 'Manutenzione in corso',
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
    resolved: 'Il problema è stato risolto.',
    reopened: 'L’incidente è stato riaperto: stiamo verificando di nuovo.',
  },
  technicalDetail: 'Dettaglio tecnico',
  recentIncidents: 'Incidenti recenti',
  noRecentIncidents: 'Nessun incidente negli ultimi 14 giorni.',
  subscribe: 'Ricevi gli aggiornamenti',
  history: 'Storico degli incidenti',
  allHistory: 'Tutti gli incidenti e le manutenzioni',
  lastChecked: 'Ultimo controllo',
  neverChecked: 'Nessun controllo eseguito finora.',
  stale: 'Nessun controllo recente',
  uptime: 'Disponibilità',
  uptimeBar: '{name}: disponibilità negli ultimi 90 giorni',
  daysAgo: '90 giorni fa',
  today: 'Oggi',
  noData: 'nessun dato',
  uptimeValue: 'disponibilità {pct} %',
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
  skipBars: 'Passer les barres de disponibilité',
  otherComponents: 'Autres composants',
  maintenanceNow: 'Maintenance en cours',
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
    resolved: 'Cet incident est résolu.',
    reopened: 'L’incident a été rouvert : nous enquêtons à nouveau.',
  },
  technicalDetail: 'Détail technique',
  recentIncidents: 'Incidents récents',
  noRecentIncidents: 'Aucun incident ces 14 derniers jours.',
  subscribe: 'Suivre les mises à jour',
  history: 'Historique des incidents',
  allHistory: 'Tous les incidents et maintenances',
  lastChecked: 'Dernière vérification',
  neverChecked: 'Aucune vérification pour l’instant.',
  stale: 'Pas de vérification récente',
  uptime: 'Disponibilité',
  uptimeBar: '{name} : disponibilité sur les 90 derniers jours',
  daysAgo: 'il y a 90 jours',
  today: 'Aujourd’hui',
  noData: 'aucune donnée',
  uptimeValue: 'disponibilité {pct} %',
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
