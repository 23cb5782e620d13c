/**
 * A GitHub Actions workflow file, read through a schema: the parts that the workflow tests check
 * and that the cycle benchmark replays (scripts/lib/workflow-replay.ts). A step's keys are read
 * strictly, so that a key the replay would not honour is an error rather than silently ignored.
 * Syntax: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax
 */
import { readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { ContentError, parseYamlWith } from '../../src/lib/validation/friendly-errors.ts';

/** `with:` and `env:` values: YAML scalars, which Actions reads as strings. */
const scalars = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** One step: a shell script (`run`) or an action (`uses`). */
export const stepSchema = z
  .strictObject({
    /** Shown in the log. */
    name: z.string().optional(),
    /** How later steps refer to its outputs (`steps.<id>.outputs`). */
    id: z.string().optional(),
    /** Runs only when this expression holds (with `success()` implied). */
    if: z.union([z.string(), z.boolean()]).optional(),
    /** An action, `owner/repo[/path]@ref`. */
    uses: z.string().optional(),
    /** The action's inputs. */
    with: scalars.optional(),
    /** A bash script. */
    run: z.string().optional(),
    /** Environment variables of this step. */
    env: scalars.optional(),
  })
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has `run` or `uses`');
export type Step = z.output<typeof stepSchema>;

/** A concurrency group: at most one job running and one pending in it. */
const concurrencySchema = z.strictObject({
  group: z.string(),
  'cancel-in-progress': z.union([z.boolean(), z.string()]).optional(),
});

/** One job: steps on a runner, or a call to a reusable workflow (`uses`). */
export const jobSchema = z.looseObject({
  name: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  'runs-on': z.string().optional(),
  'timeout-minutes': z.number().optional(),
  concurrency: concurrencySchema.optional(),
  permissions: z.record(z.string(), z.string()).optional(),
  environment: z.strictObject({ name: z.string(), url: z.string().optional() }).optional(),
  /** Environment variables of every step. */
  env: scalars.optional(),
  /** Values the job hands to the jobs that need it. */
  outputs: z.record(z.string(), z.string()).optional(),
  /** A reusable workflow, `./.github/workflows/<file>.yml`. */
  uses: z.string().optional(),
  steps: z.array(stepSchema).optional(),
});
export type Job = z.output<typeof jobSchema>;

/** A whole workflow file. */
export const workflowSchema = z.strictObject({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  concurrency: concurrencySchema.optional(),
  permissions: z.record(z.string(), z.string()),
  env: scalars.optional(),
  jobs: z.record(z.string(), jobSchema),
});
export type Workflow = z.output<typeof workflowSchema>;

/** Reads and validates a workflow file; throws a ContentError naming file, line and field. */
export function readWorkflow(file: string): Workflow {
  const parsed = parseYamlWith({ text: readFileSync(file, 'utf8'), file }, workflowSchema);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/** The action a `uses:` names, without its ref: `actions/cache/restore`. */
export function actionName(uses: string): string {
  return uses.split('@')[0]!;
}

/** The steps of a job (none for a call to a reusable workflow). */
export function stepsOf(workflow: Workflow, job: string): Step[] {
  const found = workflow.jobs[job];
  if (!found) throw new Error(`no job "${job}" in workflow "${workflow.name}"`);
  return found.steps ?? [];
}
