/**
 * The configuration is parsed once per process for a given text: every reader of an unchanged
 * file shares one frozen parse, an edited file is parsed again, and copies of the module (as an
 * Astro build holds several) share the parse too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';

const CONFIG = `site:
  title: Once
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: api
    name: API
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-config-'));
  writeFileSync(join(dir, 'heliograph.yaml'), CONFIG);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('an unchanged file is parsed once; every reader gets the same frozen configuration', () => {
  const first = loadConfig(dir);
  expect(loadConfig(dir)).toBe(first);
  expect(loadConfig(`${dir}/`)).toBe(first);
  expect(Object.isFrozen(first.components[0])).toBe(true);
  expect(() => {
    first.components[0]!.name = 'changed';
  }).toThrow(TypeError);
});

test('an edited file is parsed again', () => {
  const first = loadConfig(dir);
  writeFileSync(join(dir, 'heliograph.yaml'), CONFIG.replace('name: API', 'name: Public API'));
  const second = loadConfig(dir);
  expect(second).not.toBe(first);
  expect(second.components[0]?.name).toBe('Public API');
});

test('another copy of the module reads the same parse', async () => {
  const first = loadConfig(dir);
  // A query makes Vite evaluate the module again, as Astro's separate module graphs do.
  const copy: unknown = await import(
    /* @vite-ignore */ `../../src/lib/config/load.ts?copy=${Date.now()}`
  );
  const other = (copy as { loadConfig: typeof loadConfig }).loadConfig;
  expect(other).not.toBe(loadConfig);
  expect(other(dir)).toBe(first);
});
