/**
 * The workflows send notifications after their push, with the repository's secrets, and commit the
 * record of what was sent; neither step may fail the run, because the deploy waits for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

describe.each([
  ['probe.yml', 'record'],
  ['incidents.yml', 'sync'],
])('%s, job %s', (file, job) => {
  const workflow = parse(
    readFileSync(join(import.meta.dirname, '../../.github/workflows', file), 'utf8'),
  ) as Workflow;
  const steps = workflow.jobs[job]!.steps;
  const index = (pattern: RegExp): number => steps.findIndex((s) => pattern.test(s.run ?? ''));

  test('notifies after the content is pushed, then commits and pushes the record', () => {
    const firstPush = index(/npm run push/);
    const notify = index(/npm run notify/);
    const record = steps.findIndex((s, i) => i > notify && /notifications\.tsv/.test(s.run ?? ''));
    expect(firstPush).toBeGreaterThan(0);
    expect(notify).toBeGreaterThan(firstPush);
    expect(record).toBe(notify + 1);
    expect(steps[record]!.run).toMatch(/git add content\/history\/notifications\.tsv/);
    expect(steps[record]!.run).toMatch(/npm run push/);
  });

  test('passes the secrets as one JSON variable, and can never fail the run', () => {
    const notify = steps[index(/npm run notify/)]!;
    expect(notify.env).toEqual({ HELIOGRAPH_SECRETS: '${{ toJSON(secrets) }}' });
    expect(notify['continue-on-error']).toBe(true);
    expect(steps[index(/npm run notify/) + 1]!['continue-on-error']).toBe(true);
  });
});
