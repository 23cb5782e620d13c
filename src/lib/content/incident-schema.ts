/**
 * The incident file: `content/incidents/<id>.md`, front matter for the facts and a timeline of
 * updates, and an optional Markdown body for the long-form postmortem. The file name is the id.
 *
 * An incident joined into another (`incident merge`) keeps its file, so that its permalink keeps
 * working: `merged_into` names the incident that carries its updates now (its `updates` are `[]`),
 * and the file keeps its title (for the page that leads there) and what names it elsewhere
 * (`source`, `github_issue`).
 */
import { z } from 'astro/zod';
import { HEALTH_STATUSES, IMPACTS, INCIDENT_STATUSES } from '../status.ts';
import { idSchema } from '../config/schema.ts';
import { timestampSchema } from './timestamp.ts';

/** Statuses an incident sets for components, by component id. */
export const affectedSchema = z.record(idSchema, z.enum(HEALTH_STATUSES));

/** One update of the timeline. */
export const incidentUpdateSchema = z.strictObject({
  /** When the update was posted. */
  at: timestampSchema,
  status: z.enum(INCIDENT_STATUSES),
  /** Markdown text of the update. */
  text: z.string().default(''),
  /** Component statuses from this update on, where they change. */
  components: affectedSchema.optional(),
  /**
   * Where `npm run sync` took this update from on the synced GitHub issue, so an edit there
   * rewrites the same update: `issue` (its body), `comment/<id>`, `closed/<event id>` or
   * `reopened/<event id>`. Absent on updates written by editors or the prober.
   */
  github: z
    .string()
    .regex(
      /^(issue|(comment|closed|reopened)\/\d+)$/,
      'use issue, comment/<id>, closed/<id> or reopened/<id>',
    )
    .optional(),
  /**
   * Technical detail for editors and curious readers, in plain text: what the checks saw
   * ("expected 2xx, got 503"). The incident page shows it collapsed under the update; headlines,
   * feeds, the API, share texts and notifications leave it out.
   */
  detail: z.string().trim().min(1, 'leave detail out rather than empty').optional(),
  /**
   * The incident this update was first posted on, when it came in by a merge: its id (in feeds,
   * the API and the record of notifications) stays the one it was published with.
   */
  merged_from: idSchema.optional(),
});

/** Front matter of an incident file. */
export const incidentSchema = z.strictObject({
  title: z.string().trim().min(1, 'a title is required'),
  impact: z.enum(IMPACTS),
  /** Affected components and the status the incident sets for each while unresolved. */
  components: affectedSchema.default({}),
  /** When the problem began, if earlier than the first update. */
  started_at: timestampSchema.optional(),
  /** Timeline of updates, in any order; pages show newest first (`[]` once merged). */
  updates: z.array(incidentUpdateSchema),
  /** Who opened it: an editor (default), the prober, or a GitHub issue. */
  source: z.enum(['editor', 'prober', 'github']).default('editor'),
  /** The GitHub issue this incident is synced with. */
  github_issue: z.number().int().positive().optional(),
  /** The incident this one was merged into: its page leads there, and it is listed nowhere. */
  merged_into: idSchema.optional(),
})
  .superRefine(
    (data, ctx) => {
      // Checked whatever else is wrong, so that every problem is reported in one pass.
      const updates: unknown = data.updates;
      if (data.merged_into === undefined && Array.isArray(updates) && updates.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['updates'],
          message: 'an incident needs at least one update',
        });
      }
    },
    { when: () => true },
  );

export type IncidentData = z.output<typeof incidentSchema>;
export type IncidentUpdateData = IncidentData['updates'][number];
