/**
 * A build parses heliograph.yaml once, although astro.config.mjs, the content loader and the pages
 * each read it in a module graph of their own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildExampleSite, removeSite } from '../support/example-site.ts';

test('one parse of the configuration per build', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'heliograph-parses-'));
  const before = {
    options: process.env['NODE_OPTIONS'],
    file: process.env['HELIOGRAPH_PARSES_FILE'],
  };
  const countFile = join(scratch, 'parses');
  // The build runs in a child process that inherits these.
  process.env['NODE_OPTIONS'] =
    `${before.options ?? ''} --import ${join(import.meta.dirname, '../support/count-config-parses.mjs')}`.trim();
  process.env['HELIOGRAPH_PARSES_FILE'] = countFile;
  try {
    const site = await buildExampleSite();
    removeSite(site);
    expect(readFileSync(countFile, 'utf8')).toBe('1');
  } finally {
    restore('NODE_OPTIONS', before.options);
    restore('HELIOGRAPH_PARSES_FILE', before.file);
    rmSync(scratch, { recursive: true, force: true });
  }
}, 120_000);

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
