/**
 * `astro dev` follows the content folder: a real dev server on a free port over a temporary
 * example, and files added and edited while it runs — an incident, a maintenance window, the
 * configuration (a component renamed, one added) — show on a later page load without a restart;
 * what builds write in the project folder is not watched.
 * Each change is waited for with a bound; the server is stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeExample } from '../../src/lib/example/write.ts';
import { PINNED_NOW } from '../support/example-site.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** How long a change may take to show; a reload is tried every POLL_MS until then. */
const SHOWS_WITHIN_MS = 30_000;
const POLL_MS = 250;
/** Between emptying a file and writing its text (see `edit`). */
const SAVE_GAP_MS = 20;

let root: string;
let content: string;
let server: ChildProcess;
let base: string;
let output = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'heliograph-dev-'));
  content = join(root, 'content');
  writeExample({ out: content, now: Date.parse(PINNED_NOW) });
  server = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/astro/bin/astro.mjs'),
      'dev',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--verbose',
    ],
    {
      cwd: ROOT,
      env: {
        // The server runs as a person would start it, without what Vitest sets: Astro's dev
        // server takes VITEST as being run inside Vitest and serves no pages, and Vite under
        // NODE_ENV=test handles no file changes of its own.
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'),
        ),
        HELIOGRAPH_CONTENT: content,
        HELIOGRAPH_NOW: PINNED_NOW,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        // Vite names each file it is told of (read by the last test).
        DEBUG: 'vite:hmr',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  base = await within(60_000, () => /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1]);
}, 90_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
});

test('an incident added while the server runs has its page on the next load', async () => {
  expect((await get('incidents/added-while-serving/')).status).toBe(404);
  writeFileSync(
    join(content, 'incidents', 'added-while-serving.md'),
    [
      '---',
      'title: Added while serving',
      'impact: minor',
      'components:',
      '  website: degraded_performance',
      'updates:',
      '  - at: 2026-11-21T08:30:00Z',
      '    status: investigating',
      '    text: Pages load slowly.',
      '---',
      '',
    ].join('\n'),
  );
  const page = await shows('incidents/added-while-serving/', 'Added while serving');
  expect(page).toContain('Pages load slowly.');
  // The home page lists it among the active incidents.
  await shows('', 'Added while serving');
}, 60_000);

test('an edited incident and an edited maintenance window show their new words', async () => {
  await edit(join(content, 'incidents', 'phone-line-down.md'), (text) =>
    text.replace(/^title: .*$/m, 'title: Phone line down all morning'),
  );
  await shows('incidents/phone-line-down/', 'Phone line down all morning');
  await edit(join(content, 'maintenance', 'website-hosting-move.md'), (text) =>
    text.replace(/^title: .*$/m, 'title: Moving the website to a new host'),
  );
  await shows('maintenance/website-hosting-move/', 'Moving the website to a new host');
}, 60_000);

test('the configuration: a component renamed, and one added with its own page', async () => {
  await edit(join(content, 'heliograph.yaml'), (text) =>
    text
      .replace('name: Delivery tracking', 'name: Parcel tracking')
      .replace(/^components:\n/m, 'components:\n  - id: gift-cards\n    name: Gift cards\n'),
  );
  const home = await shows('', '>Parcel tracking</a>');
  expect(home.includes('>Delivery tracking</a>'), 'the old name is gone').toBe(false);
  const added = await shows('components/gift-cards/', 'Gift cards');
  expect(/<h1>\s*Gift cards\s*<\/h1>/.test(added), 'the new component is its page').toBe(true);
}, 60_000);

test('what builds write in the project folder is not watched', async () => {
  // A build beside the server (the tests, `npm run build`) writes thousands of files in .cache/
  // and dist/; watched, each would be an event for the server to weigh.
  const written = mkdtempSync(join(ROOT, '.cache', 'dev-mode-'));
  // A folder of the project that is watched, as src/ is (.astro/, Astro's own, which git
  // ignores): its change, made after, is the sign that the first had its chance to be seen.
  mkdirSync(join(ROOT, '.astro'), { recursive: true });
  const watched = mkdtempSync(join(ROOT, '.astro', 'dev-mode-'));
  try {
    writeFileSync(join(written, 'page.astro'), '<p>written by a build</p>\n');
    writeFileSync(join(watched, 'page.astro'), '<p>written by a person</p>\n');
    const told = (dir: string) => output.includes(`${relative(ROOT, dir)}/page.astro`);
    await within(SHOWS_WITHIN_MS, () => (told(watched) ? true : undefined));
    expect(told(written)).toBe(false);
  } finally {
    rmSync(written, { recursive: true, force: true });
    rmSync(watched, { recursive: true, force: true });
  }
}, 60_000);

// Helpers

/**
 * Saves a file as many editors do, and as a busy machine stretches any save: the file is emptied,
 * then written a moment later. The watcher reports the first step; its report of the second may be
 * folded into the first (chokidar drops a change within 50 ms of the last).
 */
async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changes it`).not.toBe(before);
  writeFileSync(file, '');
  await new Promise((done) => setTimeout(done, SAVE_GAP_MS));
  writeFileSync(file, after);
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(path, base));
  return { status: response.status, text: await response.text() };
}

/** Loads a page until it answers 200 with `text` in it; its HTML. */
async function shows(path: string, text: string): Promise<string> {
  let last = { status: 0, text: '' };
  try {
    return await within(SHOWS_WITHIN_MS, async () => {
      last = await get(path);
      return last.status === 200 && last.text.includes(text) ? last.text : undefined;
    });
  } catch (error) {
    throw new Error(
      `/${path} did not show "${text}" (last answer ${last.status}); the server said:\n${output}`,
      { cause: error },
    );
  }
}

/** Polls until `probe` gives a value, for at most `ms`. */
async function within<T>(
  ms: number,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (server.exitCode !== null) throw new Error(`the dev server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`nothing within ${ms} ms`);
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}
