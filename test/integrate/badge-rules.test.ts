/**
 * Badge rules for every status, not only those the example happens to show: colour and words per
 * status, uptime and response-time levels, "no data" never green, and text readable on each colour.
 */
import { describe, expect, test } from 'vitest';
import { badgeSvg, componentBadge } from '../../src/lib/badges/badge.ts';
import { NO_DATA_COLOUR } from '../../src/lib/badges/colours.ts';
import type { ComponentConfig } from '../../src/lib/config/schema.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import type { ComponentModel } from '../../src/lib/model/site.ts';
import type { ComponentStatus } from '../../src/lib/status.ts';
import { readBadge, STATUS_LOOK } from './badges.ts';

const words = { t: messages('en'), fmt: createFormatter('en', 'Europe/Rome') };

function component(overrides: Partial<ComponentModel> = {}): ComponentModel {
  const config: ComponentConfig = {
    id: 'api',
    name: 'API',
    only_show_if_degraded: false,
    checks: [
      {
        type: 'http',
        url: 'https://api.example/',
        method: 'GET',
        max_redirects: 5,
        verify_tls: true,
        max_response_ms: 500,
      },
    ],
    third_party: false,
  };
  return {
    config,
    id: 'api',
    name: 'API',
    group: undefined,
    position: 1,
    status: 'operational',
    probeStatus: 'operational',
    hasChecks: true,
    monitored: true,
    observedSince: 0,
    lastCheck: undefined,
    stale: false,
    days: [],
    uptime: { h24: 1, d7: 1, d30: 1, d90: 1 },
    periods: [],
    responseTimes: [[0, 200]],
    incidents: [],
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('status badge', () => {
  test.each(Object.entries(STATUS_LOOK))('%s', (status, look) => {
    const badge = componentBadge(component({ status: status as ComponentStatus }), 'status', words);
    expect(badge).toEqual({ label: 'API', message: look.words, color: look.color });
    expect(readBadge(badgeSvg(badge))).toEqual({ text: `API: ${look.words}`, color: look.color });
    // badge-maker writes white text on these colours: it must stay readable (WCAG AA, 4.5:1).
    expect(badgeSvg(badge)).toContain('fill="#fff"');
    expect(contrast(look.color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

test('a component nothing monitors is "not monitored" in grey, not operational in green', () => {
  const badge = componentBadge(
    component({ hasChecks: false, monitored: false, observedSince: undefined }),
    'status',
    words,
  );
  expect(badge).toEqual({ label: 'API', message: 'Not monitored', color: NO_DATA_COLOUR });
  expect(contrast(NO_DATA_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
});

describe('uptime badge (30 days)', () => {
  test.each<[number | null, string, string]>([
    [1, '100.00 % uptime', STATUS_LOOK['operational']!.color],
    [0.9991, '99.91 % uptime', STATUS_LOOK['operational']!.color],
    [0.995, '99.50 % uptime', STATUS_LOOK['degraded_performance']!.color],
    [0.97, '97.00 % uptime', STATUS_LOOK['partial_outage']!.color],
    [0.5, '50.00 % uptime', STATUS_LOOK['major_outage']!.color],
    [null, 'no data', NO_DATA_COLOUR],
  ])('%s → %s', (d30, message, color) => {
    const badge = componentBadge(
      component({ uptime: { h24: 1, d7: 1, d30, d90: 1 } }),
      'uptime',
      words,
    );
    expect(badge).toEqual({ label: 'API', message, color });
    expect(readBadge(badgeSvg(badge)).color).toBe(color);
  });
});

describe('response-time badge (24 hours)', () => {
  test.each<[[number, number][], string, string]>([
    [
      [
        [0, 200],
        [1, 301],
      ],
      '251 ms response time',
      STATUS_LOOK['operational']!.color,
    ],
    [[[0, 900]], '900 ms response time', STATUS_LOOK['degraded_performance']!.color],
    [[], 'no data', NO_DATA_COLOUR],
  ])('%j → %s', (responseTimes, message, color) => {
    const badge = componentBadge(component({ responseTimes }), 'response-time', words);
    expect(badge).toEqual({ label: 'API', message, color });
  });
});

test('a badge in another language speaks it', () => {
  const it = { t: messages('it'), fmt: createFormatter('it', 'Europe/Rome') };
  expect(componentBadge(component({ status: 'major_outage' }), 'status', it).message).toBe(
    'Interruzione grave',
  );
  expect(componentBadge(component(), 'uptime', it).message).toBe('disponibilità 100,00 %');
});
