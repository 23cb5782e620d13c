/** Badge checks on one build: valid SVG, the status's colour and words, shields JSON beside it. */
import { XMLValidator } from 'fast-xml-parser';
import { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { componentRowsOnly, readText, type Variant } from './built.ts';

/** https://shields.io/badges/endpoint-badge: the fields Heliograph writes, strictly. */
export const shieldsSchema = z.strictObject({
  schemaVersion: z.literal(1),
  label: z.string(),
  message: z.string().min(1),
  color: z.string().min(1),
});

/** The colour and words each status must show (the site's palette; docs/integrations.md, "Badges"). */
export const STATUS_LOOK: Record<string, { color: string; words: string }> = {
  operational: { color: '#15803d', words: 'Operational' },
  degraded_performance: { color: '#a16207', words: 'Degraded performance' },
  partial_outage: { color: '#c2410c', words: 'Partial outage' },
  major_outage: { color: '#b91c1c', words: 'Major outage' },
  under_maintenance: { color: '#1d4ed8', words: 'Under maintenance' },
};

/** What an SVG badge says and the colour of its right side. */
export function readBadge(svg: string): { text: string; color: string | undefined } {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`invalid SVG: ${valid.err.msg}`);
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
  const label = /aria-label="([^"]*)"/.exec(svg)?.[1];
  expect(label).toBe(title);
  // badge-maker draws the label's rectangle, then the message's at x > 0.
  const color = /<rect x="\d+(?:\.\d+)?" width="[\d.]+" height="20" fill="([^"]+)"\/>/.exec(
    svg,
  )?.[1];
  return { text: title, color };
}

export function badgeChecks(v: Variant): void {
  describe('badges', () => {
    test('status badges: valid SVG with the status’s colour and words; shields JSON agrees', () => {
      for (const c of componentRowsOnly(v)) {
        const look = STATUS_LOOK[c.status]!;
        const svg = readBadge(readText(v, `badges/${c.id}/status.svg`));
        expect(svg, c.id).toEqual({ text: `${c.name}: ${look.words}`, color: look.color });
        const json = shieldsSchema.parse(JSON.parse(readText(v, `badges/${c.id}/status.json`)));
        expect(json).toEqual({
          schemaVersion: 1,
          label: c.name,
          message: look.words,
          color: look.color,
        });
      }
    });

    test('uptime and response-time badges: valid SVG matching their shields JSON', () => {
      for (const c of componentRowsOnly(v)) {
        for (const kind of ['uptime', 'response-time']) {
          const svg = readBadge(readText(v, `badges/${c.id}/${kind}.svg`));
          const json = shieldsSchema.parse(JSON.parse(readText(v, `badges/${c.id}/${kind}.json`)));
          expect(svg, `${c.id} ${kind}`).toEqual({
            text: `${json.label}: ${json.message}`,
            color: json.color,
          });
          expect(json.label).toBe(c.name);
        }
        const message = (kind: string) =>
          shieldsSchema.parse(JSON.parse(readText(v, `badges/${c.id}/${kind}.json`))).message;
        expect(message('uptime')).toMatch(/^(\d{1,3}\.\d{2} % uptime|no data)$/);
        expect(message('response-time')).toMatch(/^(\d+ ms response time|no data)$/);
      }
    });
  });
}
