/**
 * Incident templates: `new --template` starts from one (flags still win, placeholders filled
 * from the components chosen), a terminal offers them, `templates` lists them, a mistyped
 * placeholder is named with its file, line and column, and the example ships the same four in
 * English, Italian and French, each valid.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { LOCALES } from '../../src/lib/config/schema.ts';
import { readTemplates } from '../../src/lib/content/templates.ts';
import { writeExample } from '../../src/lib/example/write.ts';
import { NOW, readIncidentEntry, runIncident } from './support.ts';

let dir = '';
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'heliograph-templates-')), 'content');
  writeExample({ out: dir, now: NOW });
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const setLocale = (locale: string): void => {
  const config = join(dir, 'heliograph.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('locale: en', `locale: ${locale}`));
};

describe('new --template', () => {
  test('the template gives title, impact, components and message, its placeholders filled', async () => {
    const { code, stderr } = await runIncident(dir, ['new', '--template', 'meta-down']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { data } = readIncidentEntry(
      dir,
      '2026-11-21-whatsapp-instagram-and-facebook-unreachable',
    );
    expect(data).toMatchObject({
      title: 'WhatsApp, Instagram, and Facebook unreachable',
      impact: 'major',
      components: { whatsapp: 'major_outage', instagram: 'major_outage', facebook: 'major_outage' },
    });
    expect(data.updates).toEqual([
      {
        at: '2026-11-21T10:00:00+01:00',
        status: 'investigating',
        text: 'WhatsApp, Instagram, and Facebook are down, so **we cannot read or answer your messages there**.\n\nTo order or change an order, write to us on [Telegram](https://t.me/fornoaurora), [E-mail ordini@fornoaurora.example](mailto:ordini@fornoaurora.example), and [Phone +39 011 555 0199](tel:+390115550199).',
      },
    ]);
  });

  test('flags win over the template; the channels offered are those the components leave', async () => {
    const { code } = await runIncident(dir, [
      'new',
      '--template',
      'phone-line-down',
      '--title',
      'No phone today',
      '--impact',
      'major',
      '--id',
      'phone',
    ]);
    expect(code).toBe(0);
    const { data } = readIncidentEntry(dir, 'phone');
    expect(data).toMatchObject({ title: 'No phone today', impact: 'major' });
    expect(data.updates[0]!.text).toBe(
      'Our phone line is out of service. Please write to us on [Telegram](https://t.me/fornoaurora), [E-mail ordini@fornoaurora.example](mailto:ordini@fornoaurora.example), [WhatsApp](https://wa.me/390115550199), [Instagram](https://instagram.com/fornoaurora), and [Facebook](https://facebook.com/fornoaurora) instead.',
    );
  });

  test('a site in Italian starts from the Italian template', async () => {
    setLocale('it');
    const { code } = await runIncident(dir, ['new', '--template', 'meta-down', '--id', 'meta']);
    expect(code).toBe(0);
    const { data } = readIncidentEntry(dir, 'meta');
    expect(data.title).toBe('WhatsApp, Instagram e Facebook non raggiungibili');
    expect(data.updates[0]!.text).toMatch(/^WhatsApp, Instagram e Facebook non funzionano/);
    expect(data.updates[0]!.text).toContain('[Telegram](https://t.me/fornoaurora), ');
  });

  test('an unknown template is a usage error naming the known ones', async () => {
    const { code, stderr } = await runIncident(dir, ['new', '--template', 'meta-dwn']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--template "meta-dwn" is not a template (did you mean "meta-down"?); known templates: meta-down, payment-provider-down, phone-line-down, website-down',
    );
  });

  test('on a terminal the templates are offered first; Enter starts blank', async () => {
    const chosen = await runIncident(dir, ['new', '--id', 'chosen'], { answers: ['4'] });
    expect(chosen.code).toBe(0);
    expect(chosen.questions[0]).toBe(
      [
        'Start from a template:',
        '  1  meta-down              Meta platforms down (WhatsApp, Instagram, Facebook)',
        '  2  payment-provider-down  Payment provider down: card payments fail',
        '  3  phone-line-down        Shop phone line out of service',
        '  4  website-down           Website and online ordering down',
        '  5  -                      none: a blank incident',
        'Choose 1-5 or type it [-]: ',
      ].join('\n'),
    );
    expect(readIncidentEntry(dir, 'chosen').data.title).toBe(
      'Website and Online ordering unavailable',
    );
    const blank = await runIncident(dir, ['new', '--id', 'blank'], {
      answers: ['', 'Ovens cold', 'minor', 'website=degraded', '', 'Slow bread.'],
    });
    expect(blank.code).toBe(0);
    expect(blank.questions[1]).toBe('Title: ');
    expect(readIncidentEntry(dir, 'blank').data.title).toBe('Ovens cold');
  });

  test('templates lists them', async () => {
    const { stdout } = await runIncident(dir, ['templates']);
    expect(stdout).toBe(
      [
        'meta-down              Meta platforms down (WhatsApp, Instagram, Facebook)',
        'payment-provider-down  Payment provider down: card payments fail',
        'phone-line-down        Shop phone line out of service',
        'website-down           Website and online ordering down',
        '',
      ].join('\n'),
    );
  });
});

describe('template files', () => {
  test('a mistyped placeholder is named with file, line, column and field; nothing is written', async () => {
    mkdirSync(join(dir, 'templates', 'en'), { recursive: true });
    writeFileSync(
      join(dir, 'templates', 'en', 'oven.md'),
      '---\ntitle: "{{componnet}} is cold"\n---\n\nWrite to us on {{ chanel }}.\n',
    );
    const { code, stderr } = await runIncident(dir, ['new', '--template', 'oven']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      '<content>/templates/en/oven.md:2:9 title: unknown placeholder {{componnet}}: use {{component}}, {{channel}}, {{site}}',
    );
    expect(stderr).toContain(
      '<content>/templates/en/oven.md:5:16 body: unknown placeholder {{chanel}}: use {{component}}, {{channel}}, {{site}}',
    );
    expect(stderr).toContain('Nothing was written.');
  });

  test('the example ships the same four templates in every language, each valid', () => {
    const components = new Set(loadConfig(dir).components.map((c) => c.id));
    const names = LOCALES.map((locale) => {
      const { templates, problems } = readTemplates(dir, locale, components);
      expect(problems, locale).toEqual([]);
      return templates.map((t) => t.name);
    });
    expect(names).toEqual(
      LOCALES.map(() => ['meta-down', 'payment-provider-down', 'phone-line-down', 'website-down']),
    );
  });
});
