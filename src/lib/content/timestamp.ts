/** Timestamps in content files: ISO 8601 with a time zone, so that no reader has to guess one. */
import { z } from 'astro/zod';

/** An ISO 8601 date-time with `Z` or an offset, e.g. `2026-10-04T17:40:00+02:00`. */
export const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'use an ISO 8601 time with a zone, e.g. 2026-10-04T17:40:00+02:00 or 2026-10-04T15:40:00Z',
});

/** Milliseconds since the epoch of a validated timestamp. */
export function toEpoch(timestamp: string): number {
  return Date.parse(timestamp);
}
