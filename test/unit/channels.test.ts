/**
 * Words that match the facts: the channel box says how each affected channel is (slow is not
 * unavailable), in sentences that agree with how many channels they name in each language, and no
 * text — the channel box, the share texts, the notifications — offers a channel that is down or
 * in maintenance as a way to reach the business.
 */
import type { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { incidentSchema, type IncidentData } from '../../src/lib/content/incident-schema.ts';
import {
  maintenanceSchema,
  type MaintenanceData,
} from '../../src/lib/content/maintenance-schema.ts';
import type { Entry } from '../../src/lib/content/parse-entry.ts';
import { channelHeadline, type AffectedNames } from '../../src/lib/i18n/channel-headline.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { channelNotice } from '../../src/lib/model/channels.ts';
import { buildSite, type SiteModel } from '../../src/lib/model/site.ts';
import { notificationEvents } from '../../src/lib/notify/events.ts';
import { messageContext, notificationMessage } from '../../src/lib/notify/message.ts';
import { incidentShares } from '../../src/lib/share/incident-shares.ts';
import type { Locale } from '../../src/lib/config/schema.ts';

const NOW = Date.parse('2021-10-04T18:00:00Z');

describe('the channel box heading', () => {
  const headline = (locale: Locale, groups: AffectedNames[]): string =>
    channelHeadline(groups, messages(locale), createFormatter(locale, 'Europe/Rome'));

  test.each<[Locale, AffectedNames[], string]>([
    ['en', [{ status: 'major_outage', names: ['Phone'] }], 'Phone is unavailable'],
    [
      'en',
      [{ status: 'major_outage', names: ['WhatsApp', 'Instagram', 'Facebook'] }],
      'WhatsApp, Instagram, and Facebook are unavailable',
    ],
    [
      'en',
      [
        { status: 'major_outage', names: ['Phone'] },
        { status: 'degraded_performance', names: ['Instagram'] },
      ],
      'Phone is unavailable; Instagram is slow',
    ],
    // The bakery's day: Instagram slow and the phone down is not "Instagram e Telefono non disponibile".
    [
      'it',
      [
        { status: 'major_outage', names: ['Telefono'] },
        { status: 'degraded_performance', names: ['Instagram'] },
      ],
      'Telefono non è disponibile; Instagram funziona a rilento',
    ],
    [
      'it',
      [{ status: 'major_outage', names: ['Instagram', 'Telefono'] }],
      'Instagram e Telefono non sono disponibili',
    ],
    ['it', [{ status: 'under_maintenance', names: ['E-mail'] }], 'E-mail è in manutenzione'],
    [
      'fr',
      [{ status: 'partial_outage', names: ['WhatsApp', 'Instagram'] }],
      'WhatsApp et Instagram sont partiellement indisponibles',
    ],
    [
      'fr',
      [
        { status: 'major_outage', names: ['Téléphone'] },
        { status: 'degraded_performance', names: ['Instagram', 'Facebook'] },
      ],
      'Téléphone est indisponible ; Instagram et Facebook fonctionnent au ralenti',
    ],
  ])('%s: %j', (locale, groups, expected) => {
    expect(headline(locale, groups)).toBe(expected);
  });
});

describe('the channel notice', () => {
  const config = bakery();
  test('groups the affected channels by how they are, worst first; slow is apart from down', () => {
    const notice = channelNotice(config.channels, [
      { id: 'instagram', status: 'degraded_performance' },
      { id: 'phone', status: 'major_outage' },
      { id: 'whatsapp', status: 'operational' },
    ]);
    expect(notice?.byStatus.map((g) => [g.status, g.channels.map((c) => c.id)])).toEqual([
      ['major_outage', ['phone']],
      ['degraded_performance', ['instagram']],
    ]);
    // Neither the slow channel nor the one down is offered.
    expect(notice?.alternatives.map((c) => c.id)).toEqual(['telegram', 'email', 'whatsapp']);
  });
});

describe('no text offers a channel that is down or in maintenance', () => {
  // Instagram is slow (an incident of its own), and the shop phone is down (another incident):
  // the Instagram incident's texts used to offer the phone, which the page said was down.
  const site = bakerySite({
    incidents: {
      'instagram-slow': incident({
        title: 'Instagram messages delayed',
        impact: 'minor',
        components: { instagram: 'degraded_performance' },
        updates: [{ at: '2021-10-04T16:00:00Z', status: 'investigating', text: 'Delays.' }],
      }),
      'phone-down': incident({
        title: 'Shop phone line down',
        impact: 'major',
        components: { phone: 'major_outage' },
        updates: [{ at: '2021-10-04T17:00:00Z', status: 'investigating', text: 'No line.' }],
      }),
    },
  });

  test('the channel box says which is slow and which is down, and offers neither', () => {
    expect(
      site.channelNotice?.byStatus.map((g) => [g.status, g.channels.map((c) => c.id)]),
    ).toEqual([
      ['major_outage', ['phone']],
      ['degraded_performance', ['instagram']],
    ]);
    expect(site.channelNotice?.alternatives.map((c) => c.id)).toEqual([
      'telegram',
      'email',
      'whatsapp',
    ]);
  });

  test('the share texts of the Instagram incident do not offer the phone', () => {
    const incident = site.incidents.find((i) => i.id === 'instagram-slow')!;
    const [latest] = incidentShares(incident, ui(site));
    const texts = latest!.texts;
    expect(texts.email.body).toContain('Reach us:\n- Telegram: t.me/bakery\n- E-mail:');
    for (const text of [
      texts.x,
      texts.bluesky,
      texts.mastodon,
      texts.telegram,
      texts.sms,
      texts.email.body,
    ]) {
      expect(text).toContain('Reach us');
      expect(text).not.toMatch(/Phone|\+39 011/);
      expect(text).not.toMatch(/Reach us:[^\n]*Instagram/);
    }
  });

  test('a notification of the Instagram incident does not offer the phone either', () => {
    const ctx = messageContext(site);
    const event = notificationEvents(site).find((e) => e.id.startsWith('instagram-slow'))!;
    const { texts } = notificationMessage(event, ctx);
    expect(texts.sms).toMatch(/Reach us: Telegram, E-mail, WhatsApp/);
    expect(texts.email.body).not.toContain('Phone');
  });

  test('a maintenance notice offers no channel the page says is down', () => {
    const withWindow = bakerySite({
      incidents: {
        'phone-down': incident({
          title: 'Shop phone line down',
          impact: 'major',
          components: { phone: 'major_outage' },
          updates: [{ at: '2021-10-04T17:00:00Z', status: 'investigating', text: 'No line.' }],
        }),
      },
      maintenances: {
        'wa-move': maintenance({
          title: 'WhatsApp number moves',
          start: '2021-10-04T17:30:00Z',
          end: '2021-10-04T19:00:00Z',
          components: ['whatsapp'],
        }),
      },
    });
    const event = notificationEvents(withWindow).find((e) => e.kind === 'maintenance.started')!;
    const { texts } = notificationMessage(event, messageContext(withWindow));
    expect(texts.email.body).toContain('Reach us:\n- Telegram: t.me/bakery\n- E-mail:');
    expect(texts.email.body).not.toMatch(/Phone|WhatsApp:/);
  });
});

// ---------------------------------------------------------------------------------------------

function bakery() {
  return parseConfig(
    `
site:
  title: Bakery status
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - { id: instagram, name: Instagram, start_date: 2021-10-01 }
  - { id: whatsapp, name: WhatsApp, start_date: 2021-10-01 }
  - { id: phone, name: Shop phone, start_date: 2021-10-01 }
channels:
  - { id: instagram, name: Instagram, kind: instagram, url: "https://instagram.com/bakery", component: instagram }
  - { id: whatsapp, name: WhatsApp, kind: whatsapp, url: "https://wa.me/390000", component: whatsapp }
  - { id: telegram, name: Telegram, kind: telegram, url: "https://t.me/bakery", fallback_order: 1 }
  - { id: email, name: E-mail, kind: email, url: "mailto:hi@example.com", fallback_order: 2 }
  - { id: phone, name: Phone, kind: phone, url: "tel:+390115550199", label: "+39 011 555 0199", component: phone, fallback_order: 3 }
`,
    'heliograph.yaml',
  );
}

function bakerySite(content: {
  incidents?: Record<string, Entry<IncidentData>>;
  maintenances?: Record<string, Entry<MaintenanceData>>;
}): SiteModel {
  return buildSite({
    config: bakery(),
    now: NOW,
    render: renderMarkdown,
    incidents: new Map(Object.entries(content.incidents ?? {})),
    maintenances: new Map(Object.entries(content.maintenances ?? {})),
    history: { components: new Map(), lastChecked: undefined, warnings: [], sampleCount: 0 },
  });
}

function ui(site: SiteModel) {
  const { locale, time_zone: tz } = site.config.site;
  return {
    site,
    t: messages(locale),
    fmt: createFormatter(locale, tz),
    url: (path: string) => `https://status.example.com/${path}`,
  };
}

function incident(data: z.input<typeof incidentSchema>): Entry<IncidentData> {
  return { data: incidentSchema.parse(data), body: '' };
}

function maintenance(data: z.input<typeof maintenanceSchema>): Entry<MaintenanceData> {
  return { data: maintenanceSchema.parse(data), body: '' };
}
