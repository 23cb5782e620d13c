/**
 * The built example site, read from dist/: the pages exist, statuses and uptime figures are the
 * ones the rules give, times are in the site's time zone, and the channel box lists the fallbacks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { addDays, localDate, MINUTE, startOfLocalDay } from '../../src/lib/time.ts';
import { htmlFiles, OWN_SCRIPT, readPage, textOf } from '../support/dist.ts';

const site = inject('exampleSite');
const now = Date.parse(site.now);
const page = (path: string): string => readPage(site.dist, path);

describe('pages written', () => {
  test.each([
    'index.html',
    '404.html',
    'logo.svg',
    'history/index.html',
    'history/2026-11/index.html',
    'history/2026-10/index.html',
    'incidents/meta-platforms-outage/index.html',
    'incidents/instagram-messages-delayed/index.html',
    'incidents/ordering-api-outage/index.html',
    'incidents/card-payments-slow/index.html',
    'incidents/website-overnight-errors/index.html',
    'incidents/phone-line-down/index.html',
    'maintenance/tracking-map-upgrade/index.html',
    'maintenance/payment-terminal-update/index.html',
    'maintenance/website-hosting-move/index.html',
    ...[
      'website',
      'ordering',
      'payments',
      'tracking',
      'phone',
      'whatsapp',
      'instagram',
      'facebook',
    ].map((id) => `components/${id}/index.html`),
  ])('%s', (path) => {
    expect(existsSync(join(site.dist, path))).toBe(true);
  });

  test("no page needs a script: the only one is the home page's own, for a stale copy", () => {
    for (const file of htmlFiles(site.dist)) {
      const html = readFileSync(file, 'utf8');
      const own = file === join(site.dist, 'index.html') ? html.replace(OWN_SCRIPT, '') : html;
      expect(own, file).not.toMatch(/<script/i);
    }
  });
});

describe('home page', () => {
  const home = page('/');

  test('the banner gives the indicator the rules give', () => {
    // Instagram is in partial_outage and an incident of minor impact is open: partial → major.
    expect(home).toContain('<section class="banner major">');
    expect(textOf(home, 'h1')).toBe('Partial System Outage');
  });

  test('each component shows its current status in words', () => {
    const statuses = Object.fromEntries(
      [
        ...home.matchAll(
          /<div class="row"><a href="\/components\/([a-z-]+)\/">[^<]+<\/a><span class="st ([a-z_]+)">([^<]+)<\/span>/g,
        ),
      ].map((m): [string, string] => [m[1]!, `${m[2]}: ${m[3]}`]),
    );
    expect(statuses).toEqual({
      website: 'operational: Operational',
      ordering: 'operational: Operational',
      payments: 'operational: Operational',
      tracking: 'under_maintenance: Under maintenance',
      phone: 'operational: Operational',
      whatsapp: 'operational: Operational',
      instagram: 'partial_outage: Partial outage',
      facebook: 'operational: Operational',
    });
  });

  test('the channel box names the affected channel and the others in fallback order', () => {
    const box = /<section class="channels"[\s\S]*?<\/section>/.exec(home)?.[0] ?? '';
    expect(textOf(box, 'h2')).toBe('Instagram is partly unavailable');
    const links = [...box.matchAll(/<a href="([^"]+)" class="ch [a-z]+">([^<]+)<\/a>/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    );
    expect(links).toEqual([
      'Telegram https://t.me/fornoaurora',
      'E-mail mailto:ordini@fornoaurora.example',
      'Phone tel:+390115550199',
      'WhatsApp https://wa.me/390115550199',
      'Facebook https://facebook.com/fornoaurora',
    ]);
  });

  test('the subscribe section speaks plainly and offers the channels that work now', () => {
    const section = /<section id="subscribe"[\s\S]*?<\/section>/.exec(home)?.[0] ?? '';
    const names = [...section.matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    // Instagram is partly unavailable: not offered. No raw file name reaches visitors.
    expect(names).toEqual([
      'Follow in a feed reader',
      'Atom',
      'JSON Feed',
      'Add maintenance windows to your calendar',
      'Telegram',
      'E-mail',
      'Phone',
      'WhatsApp',
      'Facebook',
      'Incident history',
    ]);
    expect(section).not.toMatch(/\.json<|\.svg<|\.ics</);
  });

  test('active incident with its latest update, maintenance now and next', () => {
    expect(home).toMatch(
      /Active incidents[\s\S]*Instagram messages delayed[\s\S]*Identified[\s\S]*Instagram confirms a problem/,
    );
    expect(home).toMatch(/Maintenance in progress[\s\S]*Delivery tracking map upgrade/);
    expect(home).toMatch(/Scheduled maintenance[\s\S]*Card terminal software update/);
  });

  test('every component has a 90-day bar drawn with no link in it, and words that link to its days', () => {
    const bars = [
      ...home.matchAll(/<svg class="bar"[^>]*>([\s\S]*?)<\/svg><p class="scale">([\s\S]*?)<\/p>/g),
    ];
    expect(bars).toHaveLength(8);
    for (const [, picture, words] of bars) {
      expect(picture).not.toContain('<a');
      expect(words).toMatch(
        /<a href="\/components\/[a-z]+\/#days">\d+\.\d{2} % uptime over 90 days/,
      );
    }
    const today = localDate(now, 'Europe/Rome');
    expect(home).toContain('href="/components/website/#days"');
    const website = page('/components/website/');
    expect(website).toContain('<h2 id="days">Day by day</h2>');
    expect(website).toContain(`id="d${today}"`);
  });

  test('uptime of a component without checks comes from incidents: 2 h down in 90 days', () => {
    // The phone line has no check; its only outage is the 2-hour incident five days ago.
    const first = addDays(localDate(now, 'Europe/Rome'), -89);
    const observed = (now - startOfLocalDay(first, 'Europe/Rome')) / MINUTE;
    const expected = (Math.floor((1 - 120 / observed) * 10_000) / 100).toFixed(2);
    expect(expected).toBe('99.90');
    const phone =
      /href="\/components\/phone\/">[\s\S]*?<p class="scale">([\s\S]*?)<\/p>/.exec(home)?.[1] ?? '';
    expect(phone).toContain(`${expected} % uptime`);
  });

  test('last checked is the newest sample, in the site time zone', () => {
    expect(home).toContain(
      'Last checked:<time datetime="2026-11-21T09:00:00.000Z">Nov 21, 2026, 10:00 AM GMT+1</time>',
    );
  });
});

describe('incident page', () => {
  const html = page('/incidents/meta-platforms-outage/');

  test('timeline newest first, with status words', () => {
    const statuses = [
      ...html.matchAll(
        /<li id="meta-platforms-outage-[0-9t]+"><p class="meta"><strong>([A-Za-z]+)<\/strong>/g,
      ),
    ].map((m) => m[1]);
    expect(statuses).toEqual(['Resolved', 'Monitoring', 'Identified', 'Investigating']);
  });

  test('duration, affected components and postmortem', () => {
    expect(html).toMatch(/<dt>Duration<\/dt><dd>6 h 5 min<\/dd>/);
    for (const name of ['WhatsApp', 'Instagram', 'Facebook'])
      expect(html).toContain(`>${name}</a>`);
    expect(html).toContain('<h2 id="pm-h">Postmortem</h2>');
    expect(html).toContain('<h3>What happened</h3>');
  });

  test('the update Markdown is rendered, links made safe', () => {
    expect(html).toContain(
      '<a href="https://t.me/fornoaurora" rel="nofollow noopener noreferrer">Telegram</a>',
    );
    expect(html).toContain('<strong>we cannot read or answer your messages there</strong>');
  });

  test('an incident spanning midnight shows both local dates', () => {
    const overnight = page('/incidents/website-overnight-errors/');
    expect(overnight).toMatch(
      /<dt>Started<\/dt><dd><time[^>]*>Nov 11, 2026, 11:20 PM GMT\+1<\/time>/,
    );
    expect(overnight).toMatch(
      /<dt>Resolved<\/dt><dd><time[^>]*>Nov 12, 2026, 01:05 AM GMT\+1<\/time>/,
    );
  });
});

describe('component page', () => {
  test('uptime over four periods, a response-time chart with text, incidents and 90 day rows', () => {
    const html = page('/components/whatsapp/');
    for (const label of ['Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last 90 days']) {
      expect(html).toMatch(new RegExp(`<dt>${label}</dt><dd>\\d{2,3}\\.\\d{2} %</dd>`));
    }
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html).toMatch(
      /<desc id="rt-whatsapp-d">Hourly mean response time: lowest \d+ ms, highest \d+ ms, latest \d+ ms\.<\/desc>/,
    );
    expect(html).toContain('WhatsApp, Instagram and Facebook unreachable');
    expect([...html.matchAll(/<tr id="d\d{4}-\d{2}-\d{2}">/g)]).toHaveLength(90);
  });

  test('a component in maintenance says so, and its maintenance minutes are not downtime', () => {
    const html = page('/components/tracking/');
    expect(html).toContain('<span class="st under_maintenance">Under maintenance</span>');
    // The probe sees tracking down during the window; the window is left out of uptime.
    expect(html).toMatch(/<dt>Last 24 hours<\/dt><dd>100\.00 %<\/dd>/);
  });
});

describe('maintenance page', () => {
  test('the clock’s events join the timeline: a window in progress has begun, a past one has ended', () => {
    const now = page('/maintenance/tracking-map-upgrade/');
    expect(now).toMatch(
      /<li id="started"><p class="meta"><strong>In progress<\/strong>[^<]*<time[^>]*>[^<]+<\/time><\/p><div class="md"><p>The maintenance window has begun\.<\/p>/,
    );
    expect(now).not.toContain('id="ended"');
    const past = page('/maintenance/website-hosting-move/');
    const order = [...past.matchAll(/<li id="(started|ended)">/g)].map((m) => m[1]);
    expect(order).toEqual(['ended', 'started']);
  });
});

describe('history', () => {
  test('months link to stable month pages with their incidents and maintenance', () => {
    const index = page('/history/');
    expect(index).toContain('href="/history/2026-10/"');
    const october = page('/history/2026-10/');
    expect(october).toContain('WhatsApp, Instagram and Facebook unreachable');
    expect(october).toContain('Website moves to a new host');
    expect(october).toMatch(/rel="prev"[^>]*>|href="\/history\/2026-11\/" rel="prev"/);
  });
});
