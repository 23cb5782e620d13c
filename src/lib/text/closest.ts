/** "Did you mean" for ids and words typed in a hurry: the known values closest to a typo. */
import { editDistance } from './edit-distance.ts';

/**
 * Known values close to `word`, closest first: those that contain it or that it contains, and
 * those a few edits away (about one edit in three characters, at least two).
 */
export function closest(word: string, known: readonly string[], limit = 5): string[] {
  const w = word.toLowerCase();
  const scored: { value: string; score: number }[] = [];
  for (const value of known) {
    const v = value.toLowerCase();
    const distance = editDistance(w, v);
    const contains = w.length >= 3 && (v.includes(w) || w.includes(v));
    if (contains || distance <= Math.max(2, Math.floor(w.length / 3))) {
      scored.push({ value, score: contains ? Math.min(distance, 1) : distance });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.value.localeCompare(b.value))
    .slice(0, limit)
    .map((s) => s.value);
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(word: string, known: readonly string[]): string {
  const [best] = closest(word, known, 1);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
