/**
 * The probe command end to end, in process with its dependencies passed in and real checks
 * against a local HTTP server: output, exit codes, --only, --json, sharding and merge, secrets
 * from the environment. What becomes of secrets a server reflects: secrets-leak.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseSamples, SAMPLES_FILE, type Sample } from '../../src/lib/history/format.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { probeMain, type ProbeDeps } from '../../src/lib/probe/cli.ts';

const SECRET = 'sk_live_7f3a9c2e41d8b6';
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/ok')) return void res.end('All good here');
    if (req.url?.startsWith('/private')) {
      // Answers only with the secret, and fails loudly otherwise.
      const ok =
        req.headers.authorization === `Bearer ${SECRET}` && req.url.includes(`key=${SECRET}`);
      res.statusCode = ok ? 200 : 401;
      return void res.end(ok ? 'private ok' : 'denied');
    }
    res.statusCode = 503;
    res.end('down');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heliograph-cli-'));
  writeFileSync(join(dir, 'heliograph.yaml'), config(base));
  return () => rmSync(dir, { recursive: true, force: true });
});

/** Runs the command; returns its exit code and what it printed. */
async function probe(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: ProbeDeps = {
    env: { TEST_API_KEY: SECRET, ...env },
    now: () => Date.now(),
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    runner: runCheck,
  };
  const code = await probeMain(['--content', dir, ...args], deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The only samples file the runs wrote, and what it reads as. */
function dayFile(): { text: string; samples: Sample[] } {
  const names = readdirSync(join(dir, 'history')).filter((n) => SAMPLES_FILE.test(n));
  expect(names).toHaveLength(1);
  const text = readFileSync(join(dir, 'history', names[0]!), 'utf8');
  const { samples, problems } = parseSamples(text, names[0]!.slice(0, 10));
  expect(problems).toEqual([]);
  return { text, samples };
}

describe('a run', () => {
  test('prints a table, records samples and exits 0 although a service is down', async () => {
    const { code, stdout } = await probe([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^component\s+status\s+time\s+reason$/m);
    expect(stdout).toMatch(/^web\s+up\s+\d+ ms\s*$/m);
    expect(stdout).toMatch(/^api\s+down\s+-\s+expected 2xx, got 503$/m);
    expect(stdout).toMatch(/3 components checked in [\d.]+ s: 2 up, 0 degraded, 0 partial, 1 down/);
    const { text, samples } = dayFile();
    expect(text.trim().split('\n')).toHaveLength(2); // the header and the run
    expect(samples.map((s) => `${s.component} ${s.status}`).sort()).toEqual([
      'api major_outage',
      'private operational',
      'web operational',
    ]);
  });

  test('--only, --json and --dry-run', async () => {
    const { code, stdout } = await probe(['--only', 'web', '--json', '--dry-run']);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as {
      component: string;
      status: string;
      checks: { phases: { total: number } }[];
    }[];
    expect(results.map((r) => [r.component, r.status])).toEqual([['web', 'operational']]);
    expect(results[0]!.checks[0]!.phases.total).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });

  test('shards split the components and a merge records them once', async () => {
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, file] of shards.entries()) {
      expect((await probe(['--shard', `${i + 1}/3`, '--results-out', file])).code).toBe(0);
    }
    expect(existsSync(join(dir, 'history'))).toBe(false);
    const components = shards.flatMap((f) =>
      (JSON.parse(readFileSync(f, 'utf8')) as { results: { component: string }[] }).results.map(
        (r) => r.component,
      ),
    );
    expect(components.sort()).toEqual(['api', 'private', 'web']);
    const merged = await probe(['merge', ...shards]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const { text, samples } = dayFile();
    expect(text.trim().split('\n')).toHaveLength(2); // three shards, one run: one line
    expect(samples.map((s) => s.component).sort()).toEqual(['api', 'private', 'web']);
  });

  test('a merge names the shard file that is unreadable, not JSON or not results, and exits 2', async () => {
    const good = join(dir, 'shard-1.json');
    expect((await probe(['--only', 'web', '--results-out', good])).code).toBe(0);
    const results = readFileSync(good, 'utf8');
    const bad = join(dir, 'shard-2.json');
    const merge = async (text: string | undefined) => {
      rmSync(bad, { force: true });
      if (text !== undefined) writeFileSync(bad, text);
      return probe(['merge', good, bad]);
    };

    const missing = await merge(undefined);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringMatching(/^probe merge: cannot read .*shard-2\.json: ENOENT/),
    ]);
    const truncated = await merge(results.slice(0, 40));
    expect([truncated.code, truncated.stderr]).toEqual([
      2,
      expect.stringMatching(
        /^probe merge: .*shard-2\.json is not a shard result file \(not JSON: /,
      ),
    ]);
    // A check without its phases: every field of the file is read through the schema.
    const noPhases = await merge(results.replace(/"phases":\{[^}]*\},/, ''));
    expect(noPhases.code).toBe(2);
    expect(noPhases.stderr).toMatch(
      /^probe merge: .*shard-2\.json is not a shard result file \(results\[0\]\.checks\[0\]\.phases: /,
    );
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });
});

describe('exit codes', () => {
  test('1 for an invalid configuration, naming file, line and field', async () => {
    writeFileSync(join(dir, 'heliograph.yaml'), config(base).replace('components:', 'compnents:'));
    const { code, stderr } = await probe([]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(dir, 'heliograph.yaml')}:5:1 compnents: unknown field "compnents" (did you mean "components"?)`,
    );
  });

  test('1 for a missing secret, naming the check', async () => {
    const { code, stderr } = await probe([], { TEST_API_KEY: '' });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'heliograph.yaml components[2].checks[0] (private): environment variable TEST_API_KEY not set',
    );
  });

  test('secrets also come from HELIOGRAPH_SECRETS, the bundle the probe workflow passes', async () => {
    const bundle = JSON.stringify({ TEST_API_KEY: SECRET, OTHER: 'unused' });
    const ok = await probe(['--only', 'private', '--json', '--dry-run'], {
      TEST_API_KEY: undefined,
      HELIOGRAPH_SECRETS: bundle,
    });
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { status: string }[])[0]!.status).toBe('operational');
    const bad = await probe([], {
      TEST_API_KEY: undefined,
      HELIOGRAPH_SECRETS: `{"TEST_API_KEY": "${SECRET}"`,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('HELIOGRAPH_SECRETS is not a JSON object of names to values\n');
  });

  test('2 for bad usage', async () => {
    expect((await probe(['--shard', '4/3'])).code).toBe(2);
    expect((await probe(['--only', 'nope'])).code).toBe(2);
    expect((await probe(['--frobnicate'])).code).toBe(2);
  });

  test('3 when the history cannot be written', async () => {
    writeFileSync(join(dir, 'history'), 'a file where the history folder should be');
    const { code, stderr } = await probe([]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^probe: cannot record the run: /);
  });
});

function config(origin: string): string {
  return `site:
  title: CLI test
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: web
    name: Website
    checks: [{ type: http, url: '${origin}/ok', body_contains: All good, timeout_seconds: 2 }]
  - id: api
    name: API
    checks: [{ type: http, url: '${origin}/fail', timeout_seconds: 2, retries: 0 }]
  - id: private
    name: Private API
    checks:
      - type: http
        url: '${origin}/private?key=\${TEST_API_KEY}'
        headers: { Authorization: 'Bearer \${TEST_API_KEY}' }
        timeout_seconds: 2
        retries: 0
probe:
  confirm_down: 2
`;
}
