/**
 * One incident card against a stored reference image. Fonts are bundled and resvg is told not to
 * look for system fonts, so the picture is the same on every machine; the small tolerance absorbs
 * anti-aliasing differences between resvg builds. After an intended change to the templates,
 * regenerate the reference with `UPDATE_REFERENCE=1 npx vitest run test/images/reference` and look
 * at it before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { expect, test } from 'vitest';
import { renderCard } from '../../src/lib/images/render.ts';
import { INCIDENT, LOGO } from './cards.ts';
import { decodePng } from './png.ts';

const REFERENCE = join(import.meta.dirname, '../fixtures/images/incident-card.png');
/** Where the actual image and the difference go when they disagree. */
const RESULTS = join(import.meta.dirname, '../../test-results/images');
/** Share of pixels that may differ, and how different a pixel may be before it counts (0–1). */
const TOLERANCE = { pixels: 0.002, threshold: 0.1 };

test('the incident card matches the reference image', async () => {
  const png = await renderCard(INCIDENT, LOGO);
  if (process.env['UPDATE_REFERENCE']) {
    writeFileSync(REFERENCE, png);
    console.info(`wrote the reference image ${REFERENCE}`);
  }
  expect(existsSync(REFERENCE), `no ${REFERENCE}: run with UPDATE_REFERENCE=1`).toBe(true);
  const actual = decodePng(png);
  const expected = decodePng(readFileSync(REFERENCE));
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: TOLERANCE.threshold,
  });
  const share = differing / (actual.width * actual.height);
  if (share > TOLERANCE.pixels) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'incident-card.actual.png'), png);
    writeFileSync(join(RESULTS, 'incident-card.diff.png'), PNG.sync.write(diff));
  }
  expect(share, `${differing} pixels differ; see ${RESULTS}`).toBeLessThanOrEqual(TOLERANCE.pixels);
});
