/**
 * The uptime formula, in one place for pages, badges, API and images:
 *
 *   uptime = 1 − (major-outage minutes + 0.3 × partial-outage minutes) / observed minutes
 *
 * Degraded time counts as up. Maintenance minutes are left out of `observed` unless the site
 * chooses to count them (then they count as up). A period with no observed minutes has no uptime
 * (`null`), shown as "no data" and never as green.
 */

/**
 * Weight of a partial-outage minute: part of the service still works, so a minute of partial
 * outage counts as 0.3 of a minute down (docs/rules.md, "Uptime").
 */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/** Minutes spent in each state over a period; `observed` excludes maintenance and unknown time. */
export interface Minutes {
  observed: number;
  degraded: number;
  partial: number;
  major: number;
  maintenance: number;
}

export const NO_MINUTES: Readonly<Minutes> = Object.freeze({
  observed: 0,
  degraded: 0,
  partial: 0,
  major: 0,
  maintenance: 0,
});

/** Options of the uptime formula. */
export interface UptimeOptions {
  /** Count maintenance minutes as observed up time instead of leaving them out. */
  countMaintenance?: boolean;
}

/** Uptime as a fraction 0…1, or null when nothing was observed. */
export function uptime(m: Minutes, options: UptimeOptions = {}): number | null {
  const observed = m.observed + (options.countMaintenance ? m.maintenance : 0);
  if (observed <= 0) return null;
  const down = m.major + PARTIAL_OUTAGE_WEIGHT * m.partial;
  return Math.min(1, Math.max(0, 1 - down / observed));
}

/** Adds minutes over several periods. */
export function sumMinutes(list: readonly Minutes[]): Minutes {
  const total = { ...NO_MINUTES };
  for (const m of list) {
    total.observed += m.observed;
    total.degraded += m.degraded;
    total.partial += m.partial;
    total.major += m.major;
    total.maintenance += m.maintenance;
  }
  return total;
}

/**
 * Formats an uptime fraction as a percentage with two decimals, truncated rather than rounded so
 * that any downtime never shows as 100.00 %. `null` is returned as null for the caller to word.
 */
export function uptimePercent(fraction: number | null): string | null {
  if (fraction === null) return null;
  // The epsilon undoes binary error (1 − 31/100 is 0.6899999…, which would show 68.99); it is far
  // smaller than any real downtime, so 100.00 still needs none.
  const truncated = Math.floor(fraction * 10_000 + 1e-9) / 100;
  return truncated.toFixed(2);
}
