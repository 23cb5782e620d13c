/**
 * The commands that build and serve the site (`npm run build`, `npm run dev`, `npm start`, and
 * `astro build` run directly) meeting invalid content, and `npm start` meeting a busy port: the
 * list of problems as `file:line:column field: message` (or one line for the port) and exit 1,
 * never a framework's wrapper or a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A configuration with a schema problem and a reference problem, and an incident with two. */
const CONFIG = `site:
  title: Bakery status
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: website
    name: Website
    group: shop
    checks:
      - type: http
        url: https://example.com/
        timeout: 5
`;
const INCIDENT = `---
title: Website down
impact: severe
components:
  websit: major_outage
updates:
  - at: 2026-11-20T10:00:00Z
    status: investigating
    text: Down.
---
`;

let dir: string;
let config: string;
let incident: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-commands-'));
  mkdirSync(join(dir, 'incidents'));
  writeFileSync(join(dir, 'heliograph.yaml'), CONFIG);
  writeFileSync(join(dir, 'incidents', 'website-down.md'), INCIDENT);
  config = join(dir, 'heliograph.yaml');
  incident = join(dir, 'incidents', 'website-down.md');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The configuration's problems, as every command prints them. */
function configLines(): string[] {
  return [
    `  ${config}:8:12 components[0].group: no group with id "shop" (known ids: none)`,
    `  ${config}:12:9 components[0].checks[0].timeout: unknown field "timeout" (did you mean "timeout_seconds"?)`,
  ];
}

function everyProblem(): string {
  return [
    '4 problems in content:',
    ...configLines(),
    `  ${incident}:3:9 impact: Invalid option: expected one of "none"|"minor"|"major"|"critical"`,
    `  ${incident}:5:3 components.websit: no component with id "websit" in heliograph.yaml (did you mean "website"? known ids: website)`,
    '',
  ].join('\n');
}

describe('invalid content', () => {
  test('npm run build: the list and exit 1, before Astro starts', async () => {
    const result = await run(['scripts/build.ts'], { HELIOGRAPH_CONTENT: dir });
    expect(result).toEqual({ code: 1, stdout: '', stderr: everyProblem() });
  });

  test('npm run dev: the same', async () => {
    const result = await run(['scripts/dev.ts'], { HELIOGRAPH_CONTENT: dir });
    expect(result).toEqual({ code: 1, stdout: '', stderr: everyProblem() });
  });

  test('npm start: the same, before it builds', async () => {
    const result = await run(['scripts/start.ts', '--content', dir, '--port', '0'], {});
    expect(result).toEqual({ code: 1, stdout: '', stderr: everyProblem() });
  });

  test('astro build run directly: the configuration\'s list first, no "Unable to load" wrapper', async () => {
    const result = await run(['node_modules/astro/bin/astro.mjs', 'build'], {
      HELIOGRAPH_CONTENT: dir,
      HELIOGRAPH_OUT: join(dir, 'dist'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(['2 problems in content:', ...configLines(), ''].join('\n'));
    expect(result.stdout).not.toMatch(/\[astro\]|stack trace|^\s+at\s/im);
  });
});

describe('npm start on a busy port', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test('one line that says what to do, before anything is built', async () => {
    const result = await run(['scripts/start.ts', '--content', dir, '--port', String(port)], {});
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `start: port ${port} is in use: stop the other server or use --port N\n`,
    });
  });
});

/** Runs a script of the project with Node, in the project folder. */
function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
