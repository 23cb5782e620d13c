/**
 * A repository made from the template probes nothing and opens no incident until its
 * configuration is its own (`site.url` no longer the example's): the rule itself, and the probe
 * command honouring it in every form that records (a run, a shard, a merge), against a local
 * server that counts the requests it gets.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config/load.ts';
import { EXAMPLE_SITE_URL, templateGuard } from '../../src/lib/config/template-guard.ts';
import { generateExample } from '../../src/lib/example/generate.ts';
import { runCheck } from '../../src/lib/measure/checks/index.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';

const site = (url: string) => ({ site: { url } });

describe('the rule', () => {
  test("the example's address, however written, is the template's", () => {
    for (const url of [
      EXAMPLE_SITE_URL,
      'https://status.fornoaurora.example/',
      'https://STATUS.FornoAurora.example',
      'https://status.fornoaurora.example.',
      'http://status.fornoaurora.example',
    ]) {
      const guard = templateGuard(site(url));
      expect(guard.own, url).toBe(false);
    }
  });

  test('says why, and what starts the checks', () => {
    const guard = templateGuard(site(EXAMPLE_SITE_URL));
    expect(guard).toEqual({
      own: false,
      reason: `nothing checked and no incident opened: site.url is still the example's (${EXAMPLE_SITE_URL}). Checks start once it is your status page's address (docs/going-live.md).`,
    });
  });

  test('any other address is the operator’s own, other .example names included', () => {
    for (const url of [
      'https://status.example.com',
      'https://status.forno.example',
      'https://fornoaurora.example',
      'https://owner.github.io',
    ]) {
      expect(templateGuard(site(url)), url).toEqual({ own: true });
    }
  });

  test('the bundled example, as `npm run example` writes it, is the template', () => {
    const text = generateExample({ now: Date.parse('2026-11-21T09:00:00Z') }).get(
      'heliograph.yaml',
    );
    expect(text).toBeDefined();
    expect(templateGuard(parseConfig(text!, 'heliograph.yaml')).own).toBe(false);
  });

  test("this repository's own configuration is the example's", () => {
    const file = join(import.meta.dirname, '../../content/heliograph.yaml');
    expect(templateGuard(parseConfig(readFileSync(file, 'utf8'), file)).own).toBe(false);
  });
});

describe('the probe command', () => {
  let server: Server;
  let origin: string;
  let requests = 0;
  let dir: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  beforeEach(() => {
    requests = 0;
    dir = mkdtempSync(join(tmpdir(), 'heliograph-template-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `probe ARGS` on a configuration at `url`, with a job summary file. */
  async function probe(url: string, args: string[] = []) {
    writeFileSync(join(dir, 'heliograph.yaml'), config(url, origin));
    const summary = join(dir, 'summary.md');
    const out: string[] = [];
    const code = await probeMain(['--content', dir, ...args], {
      env: { GITHUB_STEP_SUMMARY: summary },
      now: () => Date.now(),
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      runner: runCheck,
    });
    const summaryText = existsSync(summary) ? readFileSync(summary, 'utf8') : '';
    return { code, out: out.join(''), summary: summaryText };
  }

  test("a run on the example's configuration checks nothing, writes nothing, exits 0 and says why", async () => {
    const { code, out, summary } = await probe(EXAMPLE_SITE_URL);
    expect(code).toBe(0);
    expect(requests).toBe(0);
    expect(existsSync(join(dir, 'history'))).toBe(false);
    expect(existsSync(join(dir, 'incidents'))).toBe(false);
    expect(out).toContain(
      "probe: nothing checked and no incident opened: site.url is still the example's",
    );
    expect(summary).toContain(
      "site.url is still the example's (https://status.fornoaurora.example)",
    );
  });

  test('the same configuration at its own address is checked and recorded', async () => {
    const { code, summary } = await probe('https://status.bakery.test');
    expect(code).toBe(0);
    expect(requests).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'history', 'state.json'))).toBe(true);
    expect(summary).not.toContain('still the example');
  });

  test('a shard writes no results and a merge records none', async () => {
    const results = join(dir, 'shard-1.json');
    const shard = await probe(EXAMPLE_SITE_URL, ['--shard', '1/1', '--results-out', results]);
    expect(shard.code).toBe(0);
    expect(requests).toBe(0);
    expect(existsSync(results)).toBe(false);

    // Results made while the configuration was someone's own are still not recorded here.
    await probe('https://status.bakery.test', ['--shard', '1/1', '--results-out', results]);
    expect(existsSync(results)).toBe(true);
    const merge = await probe(EXAMPLE_SITE_URL, ['merge', results]);
    expect(merge.code).toBe(0);
    expect(merge.out).toContain("site.url is still the example's");
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });

  test('a dry run may try the checks, and still writes nothing', async () => {
    const { code } = await probe(EXAMPLE_SITE_URL, ['--dry-run']);
    expect(code).toBe(0);
    expect(requests).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });
});

function config(url: string, origin: string): string {
  return `site:
  title: Template test
  url: ${url}
  time_zone: Europe/Rome
components:
  - id: web
    name: Website
    checks: [{ type: http, url: '${origin}/', timeout_seconds: 2, retries: 0 }]
probe:
  confirm_down: 1
`;
}
