/**
 * Notifications go out from their own workflow, after each successful deploy (so their links lead
 * to published pages), one run at a time and never cancelled (so each event is sent and recorded
 * once), with the repository's secrets, and the record of what was sent is committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, test } from 'vitest';

interface Step {
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: { workflow_run?: { workflows: string[]; types: string[] } };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { if?: string; steps: Step[] }>;
}

const read = (file: string): string =>
  readFileSync(join(import.meta.dirname, '../../.github/workflows', file), 'utf8');
const workflow = parse(read('notify.yml')) as Workflow;
const steps = workflow.jobs['notify']!.steps;
const index = (pattern: RegExp): number => steps.findIndex((s) => pattern.test(s.run ?? ''));

test('runs after a successful deploy, alone and never cancelled', () => {
  expect(workflow.on.workflow_run).toEqual({ workflows: ['Deploy'], types: ['completed'] });
  expect(workflow.jobs['notify']!.if).toContain(
    "github.event.workflow_run.conclusion == 'success'",
  );
  expect(workflow.concurrency).toEqual({ group: 'notify', 'cancel-in-progress': false });
});

test('sends with the secrets as one JSON variable, then commits and pushes the record', () => {
  const notify = index(/npm run notify/);
  expect(steps[notify]!.env).toEqual({ HELIOGRAPH_SECRETS: '${{ toJSON(secrets) }}' });
  const record = steps[notify + 1]!.run ?? '';
  expect(record).toMatch(/git add content\/history\/notifications\.tsv/);
  expect(record).toMatch(/npm run push/);
});

test('no other workflow sends notifications', () => {
  for (const file of ['probe.yml', 'incidents.yml', 'deploy.yml', 'ci.yml']) {
    expect(read(file), file).not.toContain('npm run notify');
  }
});
