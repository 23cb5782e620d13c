/**
 * The maintenance file: `content/maintenance/<id>.md`, a scheduled window with its components;
 * the Markdown body describes the work. The file name is the id.
 */
import { z } from 'astro/zod';
import { idSchema } from '../config/schema.ts';
import { timestampSchema, toEpoch } from './timestamp.ts';

/** One update posted during a maintenance. */
export const maintenanceUpdateSchema = z.strictObject({
  at: timestampSchema,
  status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']),
  text: z.string().default(''),
});

/** Front matter of a maintenance file. */
export const maintenanceSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'a title is required'),
    /** Start of the window. */
    start: timestampSchema,
    /** Planned end of the window. */
    end: timestampSchema,
    /** Components under maintenance during the window. */
    components: z.array(idSchema).min(1, 'list at least one component'),
    /** Editor's override of the clock: `verifying`, or `completed` to end the window early. */
    status: z.enum(['verifying', 'completed']).optional(),
    updates: z.array(maintenanceUpdateSchema).default([]),
  })
  .refine((m) => toEpoch(m.end) > toEpoch(m.start), {
    path: ['end'],
    message: 'the end must be after the start',
  });

export type MaintenanceData = z.output<typeof maintenanceSchema>;
