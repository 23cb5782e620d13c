/**
 * The benchmarks' large-site generator, at a tiny size: deterministic, and its content passes the
 * real parsers (configuration, incident and maintenance files, history) without a problem.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  generateLargeSite,
  writeLargeSite,
  type LargeSiteOptions,
} from '../../scripts/lib/large-site.ts';
import { loadConfig } from '../../src/lib/config/load.ts';
import { componentIds } from '../../src/lib/config/schema.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile, parseMaintenanceFile } from '../../src/lib/content/parse-entry.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { recordedAndReplayed } from '../support/recorded-state.ts';

const TINY: LargeSiteOptions = {
  now: Date.parse('2026-11-21T09:00:00Z'),
  incidents: 20,
  components: 3,
  days: 10,
  sampleDays: 4,
  maintenance: 5,
  seed: 7,
};

describe('large-site generator', () => {
  const root = mkdtempSync(join(tmpdir(), 'heliograph-large-site-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the same options give the same files, byte for byte; another seed does not', () => {
    const a = generateLargeSite(TINY);
    const b = generateLargeSite(TINY);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
    const other = generateLargeSite({ ...TINY, seed: 8 });
    expect([...a].some(([path, text]) => other.get(path) !== text)).toBe(true);
  });

  test('its content passes the real parsers', () => {
    const written = writeLargeSite({ ...TINY, out: root });
    const config = loadConfig(root);
    expect(config.components.map((c) => c.id)).toHaveLength(3);
    expect(config.probe.retention_days).toBe(4);

    const components = componentIds(config);
    const incidents = readMarkdownFolder({
      root,
      folder: 'incidents',
      parse: parseIncidentFile,
      components,
    });
    expect(incidents.size).toBe(20);
    const updates = [...incidents.values()].map((e) => e.data.updates);
    expect(updates.every((u) => u.length >= 1 && u.length <= 4)).toBe(true);
    const open = updates.filter((u) => !u.some((x) => x.status === 'resolved'));
    expect(open.length).toBeGreaterThan(0);

    const maintenance = readMarkdownFolder({
      root,
      folder: 'maintenance',
      parse: parseMaintenanceFile,
      components,
    });
    expect(maintenance.size).toBe(5);

    const history = readHistory({
      dir: join(root, 'history'),
      intervalMinutes: config.probe.interval_minutes,
    });
    expect(history.warnings).toEqual([]);
    expect(history.sampleCount).toBe(written.samples);
    // Four days of samples (five UTC files at most), rollups for the ten completed days before.
    expect(history.sampleCount).toBeGreaterThan(3 * 288 * 3);
    const rollups = [...history.components.values()].map((c) => c.rollups.size);
    expect(Math.max(...rollups)).toBe(10);
    expect(history.lastChecked).toBe(TINY.now);
  });

  test('its state.json records the confirmed status its samples lead to', () => {
    const statuses = Object.values(recordedAndReplayed(generateLargeSite(TINY)));
    expect(statuses.filter((s) => s.recorded !== undefined).length).toBeGreaterThan(0);
    for (const { recorded, replayed } of statuses) expect(recorded).toBe(replayed);
  });
});
