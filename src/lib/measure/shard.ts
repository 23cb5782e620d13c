/**
 * Sharding: `--shard I/N` runs the components whose id hashes to I of N, so a GitHub Actions
 * matrix splits the checks across runners. Hashing the id (not the position) keeps a component on
 * the same shard when others are added or removed. Each shard writes its results to a file
 * (`--results-out`) whose format is the schema below; `probe merge` reads those files back.
 */
import { z } from 'astro/zod';
import { HEALTH_STATUSES } from '../status.ts';
import { fieldPath } from '../validation/friendly-errors.ts';
import type { ComponentResult } from './run.ts';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (1 ≤ I ≤ N). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard "${text}" must be I/N with 1 ≤ I ≤ N, e.g. 2/4`);
  }
  return { index, count };
}

/** Whether a component belongs to a shard. */
export function inShard(id: string, shard: Shard): boolean {
  return (fnv1a(id) % shard.count) + 1 === shard.index;
}

const phasesSchema = z.object({
  /** Milliseconds from the start of the attempt to each phase it reached. */
  dns: z.number().exactOptional(),
  connect: z.number().exactOptional(),
  tls: z.number().exactOptional(),
  firstByte: z.number().exactOptional(),
  total: z.number(),
});

const checkOutcomeSchema = z.object({
  /** The check's name, or its type and target. */
  name: z.string(),
  /** The check's type (`http`, `tcp`…). */
  type: z.string(),
  status: z.enum(HEALTH_STATUSES),
  /** Why it is not operational. */
  reason: z.string().optional(),
  phases: phasesSchema,
  /** Attempts made, retries included. */
  attempts: z.number().int().min(1),
});

const componentResultSchema = z.object({
  /** The component's id. */
  component: z.string(),
  /** When the run started, epoch ms. */
  at: z.number(),
  status: z.enum(HEALTH_STATUSES),
  /** Total time of the first check that answered, in ms. */
  ms: z.number().nullable(),
  /** Why it is not operational. */
  reason: z.string().optional(),
  checks: z.array(checkOutcomeSchema),
});

/** A shard's results file: what one shard's run saw, for `probe merge` to record. */
export const shardResultsSchema = z.object({
  version: z.literal(1),
  /** The shard that wrote it, `I/N`. */
  shard: z.string(),
  results: z.array(componentResultSchema),
});

/** The text of a shard's results file. */
export function formatShardResults(shard: string, results: readonly ComponentResult[]): string {
  const file: z.input<typeof shardResultsSchema> = { version: 1, shard, results: [...results] };
  return `${JSON.stringify(file)}\n`;
}

/** Reads a shard's results file; a problem names the field (`results[2].status: …`). */
export function parseShardResults(
  text: string,
): { ok: true; results: ComponentResult[] } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  const parsed = shardResultsSchema.safeParse(value);
  if (parsed.success) return { ok: true, results: parsed.data.results };
  const issue = parsed.error.issues[0];
  const field = issue ? fieldPath(issue.path) : '';
  return { ok: false, problem: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}` };
}

/** 32-bit FNV-1a: small, fast and well spread for short strings. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
