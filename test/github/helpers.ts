/**
 * Shared by the GitHub tests: a temporary content folder with a real configuration, a real
 * octokit client pointed at the fake GitHub with a tiny back-off unit, and a sync run that
 * returns its report and log.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config/load.ts';
import { formatProblem } from '../../src/lib/validation/friendly-errors.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { createGithubClient, type GithubClient } from '../../src/lib/github/client.ts';
import { syncIssues, type SyncReport } from '../../src/lib/github/sync.ts';
import type { FakeGithub } from '../support/fake-github.ts';

/** Milliseconds per second of back-off in tests: `retry-after: 3` waits 30 ms. */
export const TEST_BACKOFF_UNIT_MS = 10;

export interface ContentOptions {
  locale?: 'en' | 'it' | 'fr';
  label?: string;
  autoIssues?: boolean;
  /** Extra YAML for the first component (checks). */
  checks?: string;
  /** Extra top-level YAML (a probe section). */
  extra?: string;
}

/** A content folder with three components; removed by the returned function. */
export function makeContent(options: ContentOptions = {}): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-github-'));
  writeFileSync(
    join(dir, 'heliograph.yaml'),
    `site:
  title: Acme status
  url: https://status.example.com
  locale: ${options.locale ?? 'en'}
  time_zone: Europe/Rome
components:
  - id: api
    name: API
${options.checks ?? ''}  - id: web
    name: Website
  - id: whatsapp
    name: WhatsApp
github:
  label: ${options.label ?? 'incident'}
  auto_issues: ${options.autoIssues ?? false}
${options.extra ?? ''}`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real octokit client over HTTP to the fake. */
export function clientFor(fake: FakeGithub, log: string[] = []): GithubClient {
  return createGithubClient({
    token: fake.token,
    baseUrl: fake.url,
    backoffUnitMs: TEST_BACKOFF_UNIT_MS,
    log: (line) => log.push(line),
  });
}

/** Runs the sync once; returns its report and log lines. */
export async function sync(
  fake: FakeGithub,
  dir: string,
  options: { issue?: number; dryRun?: boolean; client?: GithubClient } = {},
): Promise<{ report: SyncReport; log: string[] }> {
  const log: string[] = [];
  const report = await syncIssues({
    client: options.client ?? clientFor(fake, log),
    repo: { owner: fake.owner, repo: fake.repo },
    contentDir: dir,
    config: loadConfig(dir),
    issue: options.issue,
    dryRun: options.dryRun ?? false,
    log: (line) => log.push(line),
  });
  return { report, log };
}

/** An incident file's text. */
export function readIncident(dir: string, name: string): string {
  return readFileSync(join(dir, 'incidents', name), 'utf8');
}

/** Every incident file, parsed through the real schema; throws with every problem otherwise. */
export function parseAllIncidents(dir: string) {
  const components = new Set(loadConfig(dir).components.map((c) => c.id));
  const out = new Map<string, ReturnType<typeof parseOk>>();
  for (const name of listIncidents(dir)) {
    out.set(name, parseOk(readIncident(dir, name), name, components));
  }
  return out;
}

function parseOk(text: string, name: string, components: ReadonlySet<string>) {
  const parsed = parseIncidentFile(text, name, components);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.data.data;
}

export function listIncidents(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'incidents')).sort();
  } catch {
    // No folder yet: no incidents.
    return [];
  }
}

/** Bytes and modification times of every incident file, to show that nothing was touched. */
export function snapshotFiles(dir: string): Map<string, { text: string; mtimeMs: number }> {
  return new Map(
    listIncidents(dir).map((name) => {
      const path = join(dir, 'incidents', name);
      return [name, { text: readFileSync(path, 'utf8'), mtimeMs: statSync(path).mtimeMs }];
    }),
  );
}
