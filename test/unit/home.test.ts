/**
 * What the home page shows, decided in the model: components that ask to be shown only when
 * degraded are hidden while operational, a group left empty goes, bars per group past the limit,
 * and the home share image counts exactly the components the page shows.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { incidentSchema } from '../../src/lib/content/incident-schema.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { altText } from '../../src/lib/images/alt-text.ts';
import { componentCard, homeCard } from '../../src/lib/images/cards.ts';
import { imageMessages } from '../../src/lib/images/image-messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { HOME_BAR_LIMIT, homeView } from '../../src/lib/model/home.ts';
import { buildSite, type SiteModel } from '../../src/lib/model/site.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

const NOW = Date.parse('2026-10-04T16:00:00Z');

/** A site whose components' statuses come from unresolved incidents (no history needed). */
function site(components: string, down: Record<string, HealthStatus> = {}): SiteModel {
  const config = parseConfig(
    `site: { title: Home test, url: "https://status.example.com", time_zone: Europe/Rome }
groups:
  - { id: shop, name: Shop }
  - { id: partners, name: Partners }
components:
${components}`,
    'heliograph.yaml',
  );
  const incidents = new Map(
    Object.entries(down).map(([id, status]) => [
      `${id}-down`,
      {
        data: incidentSchema.parse({
          title: `${id} down`,
          impact: 'major',
          components: { [id]: status },
          updates: [{ at: '2026-10-04T15:00:00Z', status: 'investigating', text: 'x' }],
        }),
        body: '',
      },
    ]),
  );
  return buildSite({
    config,
    now: NOW,
    incidents,
    maintenances: new Map(),
    history: { components: new Map(), warnings: [], sampleCount: 0 },
    render: renderMarkdown,
  });
}

const COMPONENTS = `  - { id: web, name: Web, group: shop }
  - { id: pay, name: Payments, group: partners, only_show_if_degraded: true }
  - { id: maps, name: Maps, group: partners, only_show_if_degraded: true }
  - { id: phone, name: Phone }
`;

describe('homeView', () => {
  test('hides the components shown only when degraded while they are operational, and empty groups', () => {
    const view = homeView(site(COMPONENTS));
    expect(view.groups.map((g) => [g.group?.id, g.components.map((c) => c.id)])).toEqual([
      ['shop', ['web']],
      [undefined, ['phone']],
    ]);
    expect(view.components.map((c) => c.id)).toEqual(['web', 'phone']);
    expect(view.compact).toBe(false);
  });

  test('shows them once they are not operational', () => {
    const view = homeView(site(COMPONENTS, { pay: 'partial_outage' }));
    expect(view.groups.map((g) => [g.group?.id, g.components.map((c) => c.id)])).toEqual([
      ['shop', ['web']],
      ['partners', ['pay']],
      [undefined, ['phone']],
    ]);
  });

  test('one bar per group once more components are shown than the limit', () => {
    const many = (n: number, hidden: boolean) =>
      Array.from(
        { length: n },
        (_, i) =>
          `  - { id: c${hidden ? 'h' : 's'}${i}, name: C${i}, group: shop${hidden ? ', only_show_if_degraded: true' : ''} }\n`,
      ).join('');
    expect(homeView(site(many(HOME_BAR_LIMIT, false))).compact).toBe(false);
    expect(homeView(site(many(HOME_BAR_LIMIT + 1, false))).compact).toBe(true);
    // Hidden components do not count towards the limit.
    expect(homeView(site(many(HOME_BAR_LIMIT, false) + many(5, true))).compact).toBe(false);
  });

  test('the home image counts the components the page shows', () => {
    const model = site(COMPONENTS, { web: 'major_outage' });
    const card = homeCard({
      site: model,
      t: messages('en'),
      m: imageMessages('en'),
      fmt: createFormatter('en', 'Europe/Rome'),
      logoHash: null,
    });
    // The phone has no check and no incident: nothing monitors it, so it is counted under no
    // status rather than as operational (docs/rules.md, "Not monitored").
    expect(card.counts.map((c) => [c.status, c.count])).toEqual([['major_outage', 1]]);
  });

  test("a component's image shows the status its page shows: none for one nothing monitors", () => {
    const t = messages('en');
    const ctx = {
      site: site(COMPONENTS, { web: 'major_outage' }),
      t,
      m: imageMessages('en'),
      fmt: createFormatter('en', 'Europe/Rome'),
      logoHash: null,
    };
    const card = (id: string) =>
      componentCard(
        ctx.site.components.find((c) => c.id === id)!,
        ctx,
      );
    expect(card('phone').status).toEqual({ status: undefined, text: t.notMonitored });
    expect(card('web').status).toEqual({ status: 'major_outage', text: 'Major outage' });
    // Its alternative text, in the page's head, says the same.
    expect(altText(card('phone'), ctx.m)).toContain(t.notMonitored);
  });
});
