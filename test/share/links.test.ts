/**
 * The share box's links and texts: WhatsApp among the links, one Mastodon link per configured
 * server (a static page cannot follow a server the reader types), the `share` configuration's
 * checks, and each update's texts computed once however many pages ask for them.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { createFormatter } from '../../src/lib/i18n/format.ts';
import { messages } from '../../src/lib/i18n/messages.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { buildSite } from '../../src/lib/model/site.ts';
import { incidentSchema } from '../../src/lib/content/incident-schema.ts';
import { incidentShares, updateShare } from '../../src/lib/share/incident-shares.ts';
import { shareLinks } from '../../src/lib/share/links.ts';
import type { ShareTexts } from '../../src/lib/share/texts.ts';

const URL = 'https://status.example.com/incidents/x/';
const TEXTS: ShareTexts = {
  x: `X text ${URL}`,
  bluesky: `Bluesky text ${URL}`,
  mastodon: `Mastodon text ${URL}`,
  sms: `SMS ${URL}`,
  telegram: `Chat text ${URL}`,
  email: { subject: 'Subject', body: `Body ${URL}` },
};

const CONFIG = (share: string): string => `
site: { title: T, url: "https://status.example.com", time_zone: Europe/Rome }
components: [{ id: web, name: Website }]
${share}
`;

describe('share links', () => {
  test('a visitor’s chat apps come first: WhatsApp, then Telegram, then the networks, then e-mail', () => {
    const links = shareLinks(TEXTS, URL, ['mastodon.social']);
    expect(links.map((l) => l.channel)).toEqual([
      'WhatsApp',
      'Telegram',
      'X',
      'Bluesky',
      'Mastodon',
      'E-mail',
    ]);
    expect(links[0]!.href).toBe(`https://wa.me/?text=${encodeURIComponent(TEXTS.telegram)}`);
  });

  test('one Mastodon link per configured server, each to its own composer', () => {
    const links = shareLinks(TEXTS, URL, ['piaille.fr', 'mastodon.uno']);
    expect(links.filter((l) => l.channel === 'Mastodon')).toEqual([
      {
        channel: 'Mastodon',
        server: 'piaille.fr',
        href: `https://piaille.fr/share?text=${encodeURIComponent(TEXTS.mastodon)}`,
      },
      {
        channel: 'Mastodon',
        server: 'mastodon.uno',
        href: `https://mastodon.uno/share?text=${encodeURIComponent(TEXTS.mastodon)}`,
      },
    ]);
  });
});

describe('share configuration', () => {
  test('mastodon.social unless the site names its servers', () => {
    expect(parseConfig(CONFIG(''), 'heliograph.yaml').share.mastodon_instances).toEqual([
      'mastodon.social',
    ]);
    expect(
      parseConfig(CONFIG('share: { mastodon_instances: [piaille.fr, mastodon.uno] }'), 'h.yaml')
        .share.mastodon_instances,
    ).toEqual(['piaille.fr', 'mastodon.uno']);
  });

  test('a URL where a server name belongs is refused with the field named', () => {
    expect(() =>
      parseConfig(CONFIG('share: { mastodon_instances: ["https://piaille.fr"] }'), 'h.yaml'),
    ).toThrow(
      /h\.yaml:4:31 share\.mastodon_instances\[0\]: use a server name such as mastodon\.social/,
    );
  });
});

describe('each update’s texts are computed once', () => {
  const now = Date.parse('2026-11-21T09:00:00Z');
  const site = buildSite({
    config: parseConfig(CONFIG(''), 'heliograph.yaml'),
    now,
    render: renderMarkdown,
    incidents: new Map([
      [
        'x',
        {
          body: '',
          data: incidentSchema.parse({
            title: 'Website down',
            impact: 'major',
            components: { web: 'major_outage' },
            updates: [
              { at: '2026-11-21T08:00:00Z', status: 'investigating', text: 'Down.' },
              { at: '2026-11-21T08:30:00Z', status: 'resolved', text: 'Back.' },
            ],
          }),
        },
      ],
    ]),
    maintenances: new Map(),
    history: { components: new Map(), lastChecked: undefined, warnings: [], sampleCount: 0 },
  });
  const ui = {
    site,
    t: messages('en'),
    fmt: createFormatter('en', 'Europe/Rome'),
    url: (path: string) => `https://status.example.com/${path}`,
  };

  test('the share box’s latest update and the JSON file share one computation', () => {
    const incident = site.incidents[0]!;
    const latest = updateShare(incident, incident.updates[0]!, ui);
    const all = incidentShares(incident, ui);
    expect(all).toHaveLength(2);
    expect(all[0]).toBe(latest);
    expect(incidentShares(incident, ui)[1]).toBe(all[1]);
    expect(latest.texts.telegram).toContain('Resolved: Website down');
  });
});
