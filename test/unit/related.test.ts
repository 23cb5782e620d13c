/**
 * Related components: one group, or one `related` set, is one family; sets that share a component
 * join. The configuration names what is wrong in a set: an unknown component, one listed twice,
 * a set of one.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { relatedComponents } from '../../src/lib/config/related.ts';

const SITE = `site: { title: T, url: 'https://status.example.com', time_zone: Europe/Rome }
groups: [ { id: shop, name: Shop } ]
components:
  - { id: web, name: Website, group: shop }
  - { id: pay, name: Payments, group: shop }
  - { id: whatsapp, name: WhatsApp }
  - { id: instagram, name: Instagram }
  - { id: facebook, name: Facebook }
  - { id: phone, name: Phone }
`;

describe('families', () => {
  test('a group is one; sets that share a component join; the rest stand alone', () => {
    const config = parseConfig(
      `${SITE}related:\n  - [whatsapp, instagram]\n  - [instagram, facebook]\n`,
      'heliograph.yaml',
    );
    const family = relatedComponents(config);
    const of = (id: string): string[] => [...family.get(id)!].sort();
    expect(of('web')).toEqual(['pay', 'web']);
    expect(of('whatsapp')).toEqual(['facebook', 'instagram', 'whatsapp']);
    expect(family.get('facebook')).toBe(family.get('whatsapp'));
    expect(of('phone')).toEqual(['phone']);
  });
});

describe('the related section', () => {
  test('unknown components (with the known ones), repeats and sets of one are named', () => {
    let message = '';
    try {
      parseConfig(
        `${SITE}related:\n  - [whatsapp, instagam]\n  - [phone, phone]\n  - [web]\n`,
        'heliograph.yaml',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(
      message
        .split('\n')
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      'heliograph.yaml:11:16 related[0][1]: no component with id "instagam" (did you mean "instagram"? known ids: web, pay, whatsapp, instagram, facebook, phone)',
      'heliograph.yaml:12:13 related[1][1]: "phone" is listed twice in this set',
      'heliograph.yaml:13:5 related[2]: a set relates at least two components',
    ]);
  });
});
