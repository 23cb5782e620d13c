/** The probe workflow's job matrix, from the configuration: one entry per shard, runners in turn. */
import type { ProbePolicy } from '../config/schema.ts';

export interface MatrixEntry {
  /** `I/N`, passed to `--shard`. */
  shard: string;
  /** 1-based, for artifact names. */
  index: number;
  runner: string;
}

/** `{ include: [...] }` for `strategy.matrix`. */
export function probeMatrix(policy: Pick<ProbePolicy, 'shards' | 'runners'>): {
  include: MatrixEntry[];
} {
  const include = Array.from({ length: policy.shards }, (_, i) => ({
    shard: `${i + 1}/${policy.shards}`,
    index: i + 1,
    runner: policy.runners[i % policy.runners.length]!,
  }));
  return { include };
}
