/**
 * Append-only history files merged by their lines when two writers appended to the same file:
 * nothing either side appended is lost, and nothing is written twice. Git merges most of these
 * itself (`merge=union` in .gitattributes); these functions settle what reaches the push path
 * all the same (a repository without the attribute, the rollups, a file both sides created).
 */
import type { ThreeWay } from '../three-way.ts';
import { parseRollup, type RollupLine } from './format.ts';

/**
 * Upstream's lines, then the local side's lines that neither the base nor upstream holds, in
 * the local order. A samples file stays readable: each side's new lines follow its own header
 * line, and headers only add columns at the end, so every line reads the same under a later one.
 */
export function unionLines(sides: ThreeWay<string>): string {
  const known = new Set([...lines(sides.base ?? ''), ...lines(sides.upstream)]);
  const added = lines(sides.local).filter((line) => !known.has(line));
  return joinLines([...lines(sides.upstream), ...added]);
}

/** The rule for a day both sides rolled up differently, and why. */
export const ROLLUP_BOTH_WROTE = {
  /** Whether the local side's line replaces upstream's. */
  takeLocal: (upstream: RollupLine, local: RollupLine): boolean =>
    local.observed > upstream.observed,
  why: "both rolled up the same day from the samples each had: the one that observed more of the day saw more of it (ties keep upstream's)",
};

/**
 * Rollup lines keyed by day and component: one line per key, upstream's order first, then the
 * local side's new keys; a key both sides wrote differently follows `ROLLUP_BOTH_WROTE`. Lines
 * that are not rollups are kept as a union, for the reader to report.
 */
export function mergeRollupLines(sides: ThreeWay<string>): string {
  const out: string[] = [];
  const at = new Map<string, number>();
  const add = (line: string, local: boolean): void => {
    const rollup = parseRollup(line);
    const key = typeof rollup === 'string' ? `line:${line}` : `${rollup.date}\t${rollup.component}`;
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, out.length);
      out.push(line);
      return;
    }
    const kept = parseRollup(out[index]!);
    if (local && typeof rollup !== 'string' && typeof kept !== 'string')
      if (ROLLUP_BOTH_WROTE.takeLocal(kept, rollup)) out[index] = line;
  };
  for (const line of lines(sides.upstream)) add(line, false);
  const base = new Set(lines(sides.base ?? ''));
  for (const line of lines(sides.local)) if (!base.has(line)) add(line, true);
  return joinLines(out);
}

/** Non-empty lines, without their line endings. */
function lines(text: string): string[] {
  return text.split('\n').flatMap((raw) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return line === '' ? [] : [line];
  });
}

function joinLines(list: readonly string[]): string {
  return list.length ? `${list.join('\n')}\n` : '';
}
