/** Fixed cards for the image tests: typed data, independent of the example content. */
import type { ComponentCard, HomeCard, IncidentCard } from '../../src/lib/images/cards.ts';
import type { LogoImage } from '../../src/lib/images/logo.ts';

/** A small logo, as the site's content folder would hold it. */
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#c2410c"/><path d="M14 40c4-12 12-18 18-18s14 6 18 18" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/></svg>';

export const LOGO: LogoImage = {
  dataUri: `data:image/svg+xml;base64,${Buffer.from(LOGO_SVG).toString('base64')}`,
  hash: 'test-logo',
};

const brand = {
  title: 'Forno Aurora — stato del servizio',
  host: 'status.fornoaurora.example',
  logo: 'test-logo',
};

/** The incident card kept as a reference image: Italian, with Latin Extended letters. */
export const INCIDENT: IncidentCard = {
  kind: 'incident',
  brand,
  label: 'Incidente',
  title: 'Pagamenti con carta non disponibili a Łódź e a Città di Castello',
  impact: 'major',
  impactText: 'Impatto grave',
  status: 'identified',
  statusText: 'Causa individuata',
  affectedLabel: 'Componenti coinvolti',
  components: [
    { name: 'Pagamenti con carta', status: { status: 'major_outage', text: 'Interruzione grave' } },
    {
      name: 'Ordini online',
      status: { status: 'degraded_performance', text: 'Prestazioni ridotte' },
    },
  ],
  span: 'Inizio: 21 nov 2026, 09:10 CET',
};

export const HOME: HomeCard = {
  kind: 'home',
  brand,
  indicator: 'major',
  indicatorText: 'Interruzione parziale',
  componentsLabel: 'Componenti',
  counts: [
    { status: 'partial_outage', text: 'Interruzione parziale', count: 1 },
    { status: 'operational', text: 'Operativo', count: 7 },
  ],
  activeLabel: 'Incidenti in corso',
  active: ['Pagamenti con carta non disponibili'],
  moreActive: null,
  delayed: null,
};

export const COMPONENT: ComponentCard = {
  kind: 'component',
  brand,
  group: 'Negozio online',
  name: 'Pagamenti con carta',
  status: { status: 'major_outage', text: 'Interruzione grave' },
  uptimeLabel: 'Disponibilità · Ultimi 90 giorni',
  uptimeText: '99,12 %',
  days: Array.from({ length: 90 }, (_, i) =>
    i < 10 ? 'nodata' : i % 17 === 0 ? 'major' : i % 11 === 0 ? 'degraded' : 'operational',
  ),
  daysFrom: '90 giorni fa',
  daysTo: 'Oggi',
};
