/**
 * Sharding: `--shard I/N` runs the components whose id hashes to I of N, so a GitHub Actions
 * matrix splits the checks across runners. Hashing the id (not the position) keeps a component on
 * the same shard when others are added or removed.
 */

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

/** 32-bit FNV-1a: small, fast and well spread for short strings. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
