/**
 * The incident page's share box in the built example: folded away by default (a `<details>`, so it
 * opens with JavaScript off), a visitor's share links — WhatsApp first, Mastodon by its server —
 * before the team's ready-to-post texts, which are folded again.
 */
import { describe, expect, inject, test } from 'vitest';
import { readPage } from '../support/dist.ts';

const site = inject('exampleSite');

describe('share box of an incident', () => {
  const html = readPage(site.dist, '/incidents/instagram-messages-delayed/');
  const box = /<section class="share"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  test('is folded away, and comes after the updates', () => {
    expect(box).toMatch(/^<section class="share" aria-label="Share this update"><details>/);
    expect(box).not.toMatch(/<details[^>]* open/);
    expect(html.indexOf('<section class="share"')).toBeGreaterThan(
      html.indexOf('ol class="updates"'),
    );
  });

  test('offers a visitor the share links first, WhatsApp among them, then the team’s texts', () => {
    const links = [...box.matchAll(/<a href="([^"]+)" rel="noopener noreferrer">([^<]+)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual([
      'Share on WhatsApp',
      'Share on Telegram',
      'Share on X',
      'Share on Bluesky',
      'Share on Mastodon (mastodon.social)',
      'Share on E-mail',
    ]);
    expect(links[0]![1]).toMatch(/^https:\/\/wa\.me\/\?text=Identified%3A%20Instagram/);
    expect(links[4]![1]).toMatch(/^https:\/\/mastodon\.social\/share\?text=/);
    const texts = box.indexOf('<details><summary>Ready-to-post texts</summary>');
    expect(texts).toBeGreaterThan(box.indexOf('Share on E-mail'));
    expect(box.indexOf('<textarea')).toBeGreaterThan(texts);
    expect(box).toContain('On another Mastodon server?');
  });

  test('carries each ready-to-post text once, under every channel it is for', () => {
    const areas = [
      ...box.matchAll(/<label for="(share-\d+)">([^<]+)<\/label><textarea id="\1"[^>]*>([^<]*)</g),
    ];
    const texts = areas.map((m) => m[3]);
    expect(areas.length).toBeGreaterThanOrEqual(3);
    expect(new Set(texts).size).toBe(texts.length);
    const labels = areas.map((m) => m[2]).join(' · ');
    for (const channel of [
      'Telegram',
      'WhatsApp',
      'X',
      'Bluesky',
      'Mastodon',
      'SMS',
      'E-mail subject',
      'E-mail body',
    ]) {
      expect(labels).toContain(channel);
    }
  });
});
