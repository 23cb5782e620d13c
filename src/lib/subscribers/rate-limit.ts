/**
 * Sign-ups per client address, counted in memory over a sliding window: cheap, and nothing about a
 * visitor's network is written to the database. Each service instance counts its own (behind a load
 * balancer with N instances a client gets up to N times the limit; the per-address limit, kept in
 * the database, still holds). The oldest client is forgotten first when too many are remembered.
 */

export interface RateLimiter {
  /** Counts one attempt from `client` at `now`: undefined when allowed, else when to retry (ms). */
  take: (client: string, now: number) => number | undefined;
}

/** A limiter allowing `limit` attempts per `windowMs`, remembering at most `capacity` clients. */
export function slidingWindow(options: {
  limit: number;
  windowMs: number;
  capacity: number;
}): RateLimiter {
  // Insertion order is recency order: a client is moved to the end at each attempt.
  const seen = new Map<string, number[]>();
  return {
    take: (client, now) => {
      const recent = (seen.get(client) ?? []).filter((t) => t > now - options.windowMs);
      seen.delete(client);
      if (recent.length >= options.limit) {
        seen.set(client, recent);
        return recent[0]! + options.windowMs;
      }
      recent.push(now);
      seen.set(client, recent);
      if (seen.size > options.capacity) {
        const oldest = seen.keys().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      return undefined;
    },
  };
}
