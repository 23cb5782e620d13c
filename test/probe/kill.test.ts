/**
 * A killed run leaves every file parseable: the real probe command is started again and again and
 * killed with SIGKILL at random moments while it writes samples, state, rollups and incidents;
 * after each kill every file still parses, and a last run completes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { SAMPLES_FILE } from '../../src/lib/history/format.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { mulberry32 } from '../../src/lib/example/generate.ts';
import { stateSchema } from '../../src/lib/history/state.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const KILLS = 24;
let server: Server;
let dir: string;
const requests = new Map<string, number>();
const COMPONENTS = 200;

beforeAll(async () => {
  // Each service fails every other time it is asked, so that with confirmation 1/1 every whole
  // run opens or resolves an incident for each of them: kills land among incident writes too.
  server = createServer((req, res) => {
    const n = requests.get(req.url ?? '') ?? 0;
    requests.set(req.url ?? '', n + 1);
    res.statusCode = n % 2 ? 503 : 200;
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'heliograph-kill-'));
  const components = Array.from(
    { length: COMPONENTS },
    (_, i) =>
      `  - id: svc-${i}\n    name: Service ${i}\n    checks: [{ type: http, url: '${origin}/flip/${i}', retries: 0 }]\n`,
  ).join('');
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:\n  title: Kill test\n  url: https://status.example.com\n  time_zone: Europe/Rome\ncomponents:\n${components}probe:\n  confirm_down: 1\n  confirm_up: 1\n  retention_days: 2\n`,
  );
  // Old samples so that runs also write rollups and prune.
  mkdirSync(join(dir, 'history'), { recursive: true });
  for (const daysAgo of [3, 2, 1]) {
    const date = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const ids = Array.from({ length: COMPONENTS }, (_, i) => `svc-${i}`);
    writeFileSync(
      join(dir, `history/${date}.tsv`),
      `time\t${ids.join('\t')}\n12:00\t${ids.map(() => '100').join('\t')}\n`,
    );
  }
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the probe command; kills it after `killAfterMs` unless it ends first. */
function runProbe(
  killAfterMs?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/probe.ts'), '--content', dir], {
      stdio: 'ignore',
    });
    let killed = false;
    const timer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => ((killed = child.kill('SIGKILL')), undefined), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, killed });
    });
  });
}

/** A fingerprint of what has been written: samples files and incident files. */
function writtenSoFar(): string {
  const samples = readdirSync(join(dir, 'history'))
    .filter((f) => SAMPLES_FILE.test(f))
    .map((f) => readFileSync(join(dir, 'history', f), 'utf8').length)
    .join(',');
  let incidents = '';
  try {
    incidents = readdirSync(join(dir, 'incidents'))
      .map((f) => readFileSync(join(dir, 'incidents', f), 'utf8').length)
      .join(',');
  } catch {
    // No incidents folder yet: nothing written there.
  }
  return `${samples}|${incidents}`;
}

/** Every file the prober writes, parsed the way its readers parse it; returns the problems. */
function unparseable(): string[] {
  const problems: string[] = [];
  const config = loadConfig(dir);
  const history = readHistory({ dir: join(dir, 'history'), intervalMinutes: 5 });
  problems.push(...history.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`));
  try {
    const ids = new Set(config.components.map((c) => c.id));
    readMarkdownFolder({
      root: dir,
      folder: 'incidents',
      parse: parseIncidentFile,
      components: ids,
    });
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    const text = readFileSync(join(dir, 'history/state.json'), 'utf8');
    if (!stateSchema.safeParse(JSON.parse(text)).success)
      problems.push('state.json does not match its schema');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push(`state.json: ${(error as Error).message}`);
  }
  return problems;
}

test(`${KILLS} runs killed at random moments leave every file parseable, and the next run continues`, async () => {
  // One whole run first, to know how long a run takes on this machine.
  const started = performance.now();
  expect((await runProbe()).code).toBe(0);
  const runMs = performance.now() - started;
  const random = mulberry32(42);
  let killedMidRun = 0;
  let killedWhileWriting = 0;
  for (let i = 0; i < KILLS; i++) {
    const before = writtenSoFar();
    // Most of a run is starting up and checking; aim the kills at its second half, where it writes.
    const result = await runProbe(Math.floor(runMs * (0.5 + random() * 0.6)));
    if (result.killed && result.signal === 'SIGKILL') {
      killedMidRun++;
      if (writtenSoFar() !== before) killedWhileWriting++;
    }
    expect(unparseable(), `after kill ${i + 1}`).toEqual([]);
  }
  expect(killedMidRun).toBeGreaterThanOrEqual(20);
  // Some kills must have landed after the run began writing, or the test proves nothing.
  expect(killedWhileWriting).toBeGreaterThan(0);
  const last = await runProbe();
  expect(last.code).toBe(0);
  expect(unparseable()).toEqual([]);
  expect(readdirSync(join(dir, 'history/daily')).length).toBeGreaterThan(0);
  expect(readdirSync(join(dir, 'incidents')).length).toBeGreaterThan(0);
}, 180_000);
