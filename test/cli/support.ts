/**
 * Running `incident` in process for tests: a temporary content folder (a tiny configuration, or
 * the example), a pinned clock, captured output, and a fake terminal with scripted answers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config/load.ts';
import type { IncidentData } from '../../src/lib/content/incident-schema.ts';
import type { MaintenanceData } from '../../src/lib/content/maintenance-schema.ts';
import {
  parseIncidentFile,
  parseMaintenanceFile,
  type Entry,
} from '../../src/lib/content/parse-entry.ts';
import { incidentMain } from '../../src/lib/editor/cli.ts';
import type { Prompt } from '../../src/lib/editor/ask.ts';
import { buildIncident, type Incident } from '../../src/lib/model/incident.ts';

/** The instant the tests take as "now": 10:00 in Rome. */
export const NOW = Date.parse('2026-11-21T09:00:00Z');

/** Three components in Rome's time zone: enough for every rule the command checks. */
export const TINY_CONFIG = `site:
  title: Tiny status
  url: https://status.tiny.example
  time_zone: Europe/Rome
components:
  - id: api
    name: Public API
  - id: web
    name: Website
  - id: db
    name: Database
`;

/** A temporary content folder with the tiny configuration; removed by the returned function. */
export function tinyContent(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-editor-'));
  writeFileSync(join(dir, 'heliograph.yaml'), TINY_CONFIG);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a run printed and returned; `questions` are the prompts shown, in order. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  questions: string[];
}

/** Options of a test run. */
export interface RunOptions {
  /** Answers typed on a fake terminal; given, the run is interactive. */
  answers?: string[];
  now?: number;
}

/** Runs the command against a content folder; paths in the output are shown as `<content>`. */
export async function runIncident(
  dir: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  const prompt: Prompt = (question) => {
    questions.push(question);
    return Promise.resolve(answers.shift());
  };
  const code = await incidentMain(args, {
    contentDir: dir,
    now: () => options.now ?? NOW,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: options.answers !== undefined,
    prompt,
  });
  const clean = (s: string): string => s.split(dir).join('<content>');
  return { code, stdout: clean(out.join('')), stderr: clean(err.join('')), questions };
}

/** The text of an incident file. */
export function incidentText(dir: string, id: string): string {
  return readFileSync(join(dir, 'incidents', `${id}.md`), 'utf8');
}

/** An incident file through the build's parser; fails the test with its problems if invalid. */
export function readIncidentEntry(dir: string, id: string): Entry<IncidentData> {
  const ids = new Set(loadConfig(dir).components.map((c) => c.id));
  const parsed = parseIncidentFile(incidentText(dir, id), `${id}.md`, ids);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 2));
  return parsed.data;
}

/** An incident as the site would show it at `now`. */
export function incidentModel(dir: string, id: string, now = NOW): Incident | undefined {
  return buildIncident(id, readIncidentEntry(dir, id), { now, render: (s) => s });
}

/** A maintenance file through the build's parser. */
export function readMaintenanceEntry(dir: string, id: string): Entry<MaintenanceData> {
  const ids = new Set(loadConfig(dir).components.map((c) => c.id));
  const text = readFileSync(join(dir, 'maintenance', `${id}.md`), 'utf8');
  const parsed = parseMaintenanceFile(text, `${id}.md`, ids);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 2));
  return parsed.data;
}

/** Flags of a complete `new` command, as an editor in a hurry would type them. */
export const NEW_FLAGS = [
  'new',
  '--title',
  'Checkout errors',
  '--impact',
  'major',
  '--component',
  'api=major_outage',
  '--component',
  'web=partial_outage',
  '--status',
  'investigating',
  '--message',
  'Payments fail at checkout. We are looking into it.',
];
