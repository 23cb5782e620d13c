import type { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import type { ChannelConfig } from '../../src/lib/config/schema.ts';
import { incidentSchema, type IncidentData } from '../../src/lib/content/incident-schema.ts';
import {
  maintenanceSchema,
  type MaintenanceData,
} from '../../src/lib/content/maintenance-schema.ts';
import type { Entry } from '../../src/lib/content/parse-entry.ts';
import type { ComponentHistory, History } from '../../src/lib/history/read.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { channelNotice } from '../../src/lib/model/channels.ts';
import { buildSite, dayLevel, type DayLevel } from '../../src/lib/model/site.ts';
import {
  worstComponentStatus,
  type ComponentStatus,
  type HealthStatus,
} from '../../src/lib/status.ts';
import type { Minutes } from '../../src/lib/uptime.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('channelNotice', () => {
  const channels: ChannelConfig[] = [
    channel('wa', 'whatsapp'),
    channel('ig', 'instagram', 2),
    channel('web'),
    channel('tel', 'phone', 1),
    channel('mail', undefined, 1),
  ];

  test('nothing to say while every channel works', () => {
    expect(channelNotice(channels, statuses({}))).toBeUndefined();
  });

  test.each<[string, Record<string, ComponentStatus>, [string, ComponentStatus][], string[]]>([
    [
      'one channel down: the others in fallback order, then config order',
      { whatsapp: 'major_outage' },
      [['wa', 'major_outage']],
      ['tel', 'mail', 'ig', 'web'],
    ],
    [
      'a degraded channel counts as affected',
      { instagram: 'degraded_performance' },
      [['ig', 'degraded_performance']],
      ['tel', 'mail', 'wa', 'web'],
    ],
    [
      'maintenance counts as affected',
      { phone: 'under_maintenance' },
      [['tel', 'under_maintenance']],
      ['mail', 'ig', 'wa', 'web'],
    ],
    [
      'several affected, in config order',
      { phone: 'partial_outage', whatsapp: 'major_outage' },
      [
        ['wa', 'major_outage'],
        ['tel', 'partial_outage'],
      ],
      ['mail', 'ig', 'web'],
    ],
    [
      'every component down: channels without a component remain',
      { whatsapp: 'major_outage', instagram: 'major_outage', phone: 'major_outage' },
      [
        ['wa', 'major_outage'],
        ['ig', 'major_outage'],
        ['tel', 'major_outage'],
      ],
      ['mail', 'web'],
    ],
  ])('%s', (_, down, affected, alternatives) => {
    const notice = channelNotice(channels, statuses(down));
    expect(notice?.affected.map((a) => [a.channel.id, a.status])).toEqual(affected);
    expect(notice?.alternatives.map((c) => c.id)).toEqual(alternatives);
  });

  test('a channel whose component is unknown counts as available', () => {
    const notice = channelNotice(
      [channel('wa', 'whatsapp'), channel('x', 'gone')],
      [{ id: 'whatsapp', status: 'major_outage' }],
    );
    expect(notice?.alternatives.map((c) => c.id)).toEqual(['x']);
  });
});

describe('dayLevel', () => {
  test.each<[string, Partial<Minutes>, DayLevel]>([
    ['nothing known', {}, 'nodata'],
    ['a quiet day', { observed: 1440 }, 'operational'],
    ['a partly observed quiet day', { observed: 30 }, 'operational'],
    ['under a minute of trouble', { observed: 1440, degraded: 0.5, major: 0.9 }, 'operational'],
    ['a minute degraded', { observed: 1440, degraded: 1 }, 'degraded'],
    ['partial beats degraded', { observed: 1440, degraded: 600, partial: 1 }, 'partial'],
    ['major beats everything', { observed: 1440, degraded: 600, partial: 60, major: 1 }, 'major'],
    ['only maintenance', { maintenance: 120 }, 'maintenance'],
    ['maintenance and a quiet rest', { observed: 1320, maintenance: 120 }, 'operational'],
    ['maintenance and an outage', { observed: 1320, major: 5, maintenance: 120 }, 'major'],
  ])('%s → %s', (_, m, level) => {
    expect(dayLevel({ observed: 0, degraded: 0, partial: 0, major: 0, maintenance: 0, ...m })).toBe(
      level,
    );
  });
});

describe('worstComponentStatus', () => {
  test.each<[ComponentStatus[], ComponentStatus]>([
    [[], 'operational'],
    [['operational', 'operational'], 'operational'],
    [['operational', 'under_maintenance'], 'under_maintenance'],
    [['under_maintenance', 'degraded_performance'], 'degraded_performance'],
    [['degraded_performance', 'partial_outage', 'under_maintenance'], 'partial_outage'],
    [['major_outage', 'partial_outage'], 'major_outage'],
  ])('%j → %s', (list, expected) => {
    expect(worstComponentStatus(list)).toBe(expected);
  });
});

describe('buildSite', () => {
  const now = Date.parse('2026-10-04T16:00:00Z');
  const config = parseConfig(
    `
site:
  title: Test bakery
  url: https://status.example.com
  time_zone: Europe/Rome
groups:
  - { id: shop, name: Shop }
  - { id: chat, name: Chat }
components:
  - { id: loose, name: Loose }
  - id: website
    name: Website
    group: shop
    checks: [{ type: http, url: "https://example.com/" }]
  - { id: whatsapp, name: WhatsApp, group: chat, start_date: 2026-10-01 }
  - { id: ordering, name: Ordering, group: shop, start_date: 2026-10-01 }
  - { id: phone, name: Phone, start_date: 2026-10-01 }
  - { id: instagram, name: Instagram, group: chat }
channels:
  - { id: wa, name: WhatsApp, kind: whatsapp, url: "https://wa.me/390000", component: whatsapp }
  - { id: mail, name: Email, kind: email, url: "mailto:hi@example.com", fallback_order: 2 }
  - { id: tel, name: Phone, kind: phone, url: "tel:+390000", component: phone, fallback_order: 1 }
`,
    'heliograph.yaml',
  );
  const site = buildSite({
    config,
    now,
    render: renderMarkdown,
    incidents: new Map([
      [
        'wa-slow',
        incident({
          title: 'WhatsApp messages delayed',
          impact: 'major',
          components: { whatsapp: 'degraded_performance' },
          updates: [{ at: '2026-10-04T14:00:00Z', status: 'investigating' }],
        }),
      ],
      [
        'old',
        incident({
          title: 'Ordering down',
          impact: 'critical',
          components: { ordering: 'major_outage' },
          updates: [
            { at: '2026-10-03T10:00:00Z', status: 'investigating' },
            { at: '2026-10-03T11:00:00Z', status: 'resolved' },
          ],
        }),
      ],
    ]),
    maintenances: new Map([
      [
        'phone-swap',
        maintenance({
          title: 'New phone line',
          start: '2026-10-04T15:00:00Z',
          end: '2026-10-04T17:00:00Z',
          components: ['phone'],
        }),
      ],
    ]),
    history: history(now, {
      website: {
        segments: [{ start: now - 48 * HOUR, end: now, status: 'operational' }],
        hourlyMs: [],
        rollups: new Map(),
        confirmed: { status: 'operational', since: now - 10 * MINUTE },
        last: { at: now - 5 * MINUTE, component: 'website', status: 'operational', ms: 120 },
      },
    }),
  });

  test('positions restart at 1 inside each group; ungrouped components count apart', () => {
    expect(site.components.map((c) => [c.id, c.group?.id, c.position])).toEqual([
      ['loose', undefined, 1],
      ['website', 'shop', 1],
      ['whatsapp', 'chat', 1],
      ['ordering', 'shop', 2],
      ['phone', undefined, 2],
      ['instagram', 'chat', 2],
    ]);
  });

  test('groups in config order, ungrouped components after them', () => {
    expect(site.groups.map((g) => [g.group?.id, g.components.map((c) => c.id), g.status])).toEqual([
      ['shop', ['website', 'ordering'], 'operational'],
      ['chat', ['whatsapp', 'instagram'], 'degraded_performance'],
      [undefined, ['loose', 'phone'], 'under_maintenance'],
    ]);
  });

  test('component statuses from probe, incidents and maintenance', () => {
    expect(Object.fromEntries(site.components.map((c) => [c.id, c.status]))).toEqual({
      loose: 'operational',
      website: 'operational',
      whatsapp: 'degraded_performance',
      ordering: 'operational',
      phone: 'under_maintenance',
      instagram: 'operational',
    });
    const website = site.components.find((c) => c.id === 'website');
    expect([website?.hasChecks, website?.probeStatus, website?.stale]).toEqual([
      true,
      'operational',
      false,
    ]);
  });

  test('the probe status is the decision the prober recorded, whatever the latest samples say', () => {
    const decided = (samples: HealthStatus, confirmed: HealthStatus) =>
      buildSite({
        config,
        now,
        render: renderMarkdown,
        incidents: new Map(),
        maintenances: new Map(),
        history: history(now, {
          website: {
            segments: [{ start: now - HOUR, end: now, status: samples }],
            hourlyMs: [],
            rollups: new Map(),
            confirmed: { status: confirmed, since: now - 2 * HOUR },
            last: { at: now - 5 * MINUTE, component: 'website', status: samples, ms: null },
          },
        }),
      }).components.find((c) => c.id === 'website');
    const up = decided('major_outage', 'operational');
    expect([up?.probeStatus, up?.status]).toEqual(['operational', 'operational']);
    // The samples still draw the bars: the last hour is down there.
    expect(up?.days.at(-1)?.level).toBe('major');
    const down = decided('operational', 'major_outage');
    expect([down?.probeStatus, down?.status]).toEqual(['major_outage', 'major_outage']);
  });

  test('the unresolved incident raises the indicator from minor to its impact', () => {
    expect(site.indicator).toBe('major');
    expect(site.activeIncidents.map((i) => i.id)).toEqual(['wa-slow']);
    expect(site.incidents.map((i) => i.id)).toEqual(['wa-slow', 'old']);
    expect(site.activeMaintenances.map((m) => m.id)).toEqual(['phone-swap']);
  });

  test('the channel notice names the affected channels and the alternatives', () => {
    expect(site.channelNotice?.affected.map((a) => [a.channel.id, a.status])).toEqual([
      ['wa', 'degraded_performance'],
      ['tel', 'under_maintenance'],
    ]);
    expect(site.channelNotice?.alternatives.map((c) => c.id)).toEqual(['mail']);
  });

  test('uptime days come from incidents for a component without checks', () => {
    const ordering = site.components.find((c) => c.id === 'ordering');
    const day = (date: string) => ordering?.days.find((d) => d.date === date);
    expect(ordering?.days).toHaveLength(90);
    expect(day('2026-09-30')?.level).toBe('nodata');
    expect(day('2026-10-02')?.minutes.observed).toBe(1440);
    expect(day('2026-10-03')?.minutes).toMatchObject({ observed: 1440, major: 60 });
    expect(day('2026-10-03')?.level).toBe('major');
    expect(day('2026-10-03')?.incidents).toEqual([{ id: 'old', title: 'Ordering down' }]);
    // 4 October in Rome began at 22:00Z on the 3rd: 18 hours until now.
    expect(day('2026-10-04')?.minutes.observed).toBe(18 * 60);
  });

  test('history warnings are passed on with file and line', () => {
    expect(site.warnings).toEqual(['history/2026-10-04.tsv:3: time "25:00" is not HH:MM']);
  });
});

function channel(id: string, component?: string, fallbackOrder?: number): ChannelConfig {
  return {
    id,
    name: id,
    kind: 'other',
    url: `https://example.com/${id}`,
    ...(component ? { component } : {}),
    ...(fallbackOrder !== undefined ? { fallback_order: fallbackOrder } : {}),
  };
}

/** The components channels follow, operational unless listed. */
function statuses(
  down: Record<string, ComponentStatus>,
): { id: string; status: ComponentStatus }[] {
  return ['whatsapp', 'instagram', 'phone'].map((id) => ({
    id,
    status: down[id] ?? 'operational',
  }));
}

function incident(data: z.input<typeof incidentSchema>): Entry<IncidentData> {
  return { data: incidentSchema.parse(data), body: '' };
}

function maintenance(data: z.input<typeof maintenanceSchema>): Entry<MaintenanceData> {
  return { data: maintenanceSchema.parse(data), body: '' };
}

function history(now: number, components: Record<string, ComponentHistory>): History {
  return {
    components: new Map(Object.entries(components)),
    lastChecked: now - 5 * MINUTE,
    warnings: [{ file: 'history/2026-10-04.tsv', line: 3, message: 'time "25:00" is not HH:MM' }],
    sampleCount: 100,
  };
}
