/**
 * "N people follow this page": the count of confirmed subscribers, read from the service's public
 * `count.json` when the site is built. The build never fails for it: a service that is down, slow
 * or answering nonsense leaves the line out, with a warning in the build log.
 */
import { z } from 'astro/zod';
import { servicePaths, serviceUrl } from '../paths.ts';

const countSchema = z.object({ subscribers: z.number().int().min(0) });

/** The count, or undefined (after `warn`) when it cannot be had within `timeoutMs`. */
export async function followerCount(
  serviceBase: string,
  deps: { fetch: typeof fetch; timeoutMs: number; warn: (message: string) => void },
): Promise<number | undefined> {
  const url = serviceUrl(serviceBase, servicePaths.count());
  try {
    const res = await deps.fetch(url, { signal: AbortSignal.timeout(deps.timeoutMs) });
    if (!res.ok) throw new Error(`answered ${res.status}`);
    return countSchema.parse(await res.json()).subscribers;
  } catch (error) {
    const reason =
      error instanceof z.ZodError ? 'not a count' : (error as Error).message || String(error);
    deps.warn(`[heliograph] no subscriber count on the page: ${url}: ${reason}`);
    return undefined;
  }
}

const asked = new Map<string, Promise<number | undefined>>();

/** `followerCount`, asked once per service in a process: a build renders many pages. */
export function followerCountOnce(
  serviceBase: string,
  deps: Parameters<typeof followerCount>[1],
): Promise<number | undefined> {
  let count = asked.get(serviceBase);
  if (count === undefined) asked.set(serviceBase, (count = followerCount(serviceBase, deps)));
  return count;
}
