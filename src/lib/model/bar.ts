/**
 * The 90-day bar as a picture: one SVG path per day level, each day a cell of its own. The bar is
 * drawn, not clickable — its words sit beside it and each day's detail is a table on the
 * component's page — so that the home page carries a handful of elements per bar, not 180.
 */
import type { DayLevel } from './site.ts';

/** Height of the bar's view box; its width is one unit per day. */
export const BAR_HEIGHT = 10;

/** Width of a day's cell (written as the path writes it); the rest of its unit is the gap. */
const CELL = '.8';

/**
 * Height of a day's cell, out of 10: worse days are shorter, so that colour is never the only
 * signal; a day with no data is drawn full height, outlined, never filled.
 */
export const CELL_HEIGHT: Record<DayLevel, number> = {
  operational: 10,
  nodata: 10,
  maintenance: 8.5,
  degraded: 8.5,
  partial: 6.5,
  major: 4.5,
};

/** One-letter classes keep the picture light (the home page must fit in 14 KB). */
export const CELL_CLASS: Record<DayLevel, string> = {
  nodata: 'n',
  operational: 'o',
  degraded: 'd',
  partial: 'p',
  major: 'x',
  maintenance: 'm',
};

/** One path per level present, in the order levels first appear, days left to right. */
export function barPaths(levels: readonly DayLevel[]): { level: DayLevel; d: string }[] {
  const paths = new Map<DayLevel, { d: string; last: number }>();
  levels.forEach((level, day) => {
    const h = CELL_HEIGHT[level];
    const cell = `h${CELL}v${h}h-${CELL}z`;
    const path = paths.get(level);
    // A relative move from the previous cell of the same level: runs of days repeat one token,
    // which compresses to almost nothing.
    if (path) {
      path.d += `m${day - path.last} 0${cell}`;
      path.last = day;
    } else {
      paths.set(level, { d: `M${day} ${BAR_HEIGHT - h}${cell}`, last: day });
    }
  });
  return [...paths].map(([level, { d }]) => ({ level, d }));
}
