/**
 * The GitHub client: octokit (REST methods, pagination, retry and throttling plugins) with the
 * back-off policy below. Everything that talks to GitHub takes a client, so tests pass a real one
 * pointed at a local server.
 */
import { randomUUID } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { Octokit } from 'octokit';

/** The client every GitHub function takes, with the milliseconds per second of its back-off. */
export type GithubClient = Octokit & { backoffUnitMs?: number };

/** GitHub's REST API, when neither `--api-url` nor `GITHUB_API_URL` names another. */
export const DEFAULT_API_URL = 'https://api.github.com';

/** How the client backs off; each value with its reason. */
export const BACKOFF = {
  /**
   * Attempts after the first on 5xx answers and network errors; GitHub's are usually brief, and
   * the plugin waits 1, 4, 9 s between them.
   */
  retries: 3,
  /**
   * Answers never retried blindly: asking again will not change a 4xx. 403 and 429 are rate
   * limits only with GitHub's headers or message, and then the throttling plugin retries them
   * after the time GitHub names (`retry-after`, `x-ratelimit-reset`), not after a guess.
   */
  doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
  /** Retries after a rate limit (403 or 429 with `retry-after` or `x-ratelimit-reset`). */
  rateLimitRetries: 2,
  /**
   * The longest wait for a rate limit, in seconds. A primary limit can take up to an hour to
   * reset; a job idling that long costs more than failing now, and the next run catches up.
   */
  maxRateLimitWaitSeconds: 120,
  /**
   * Seconds between two writes: GitHub asks integrations to leave at least one second between
   * requests that create content, or it answers with a secondary rate limit.
   */
  writeSpacingSeconds: 1,
  /**
   * Seconds between two writes that notify people (a new issue, a comment): the throttling
   * plugin's own spacing for them, kept so that a burst of automatic issues does not trip GitHub's
   * limit on notifications.
   */
  notifyingWriteSpacingSeconds: 3,
} as const;

export interface GithubClientOptions {
  token: string;
  /** The REST API's base URL; GitHub's by default, GHES's or a test server's otherwise. */
  baseUrl?: string | undefined;
  /**
   * Milliseconds per second of back-off and of the spacing between writes: 1000 in real use;
   * tests pass 1 or 10 so that a `retry-after: 2` waits 2 or 20 ms, and writes are 1 or 10 ms
   * apart, while the waiting still happens.
   */
  backoffUnitMs?: number;
  /** Where warnings go (rate limits met); nothing secret is ever passed to it. */
  log?: (line: string) => void;
}

/** Creates the client with the back-off policy. */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const log = options.log ?? (() => undefined);
  const unit = options.backoffUnitMs ?? 1000;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const retry =
        retryCount < BACKOFF.rateLimitRetries && retryAfter <= BACKOFF.maxRateLimitWaitSeconds;
      const path = new URL(request.url, DEFAULT_API_URL).pathname;
      log(
        `github: ${kind} rate limit on ${request.method} ${path}; ${retry ? `retrying after ${retryAfter} s` : 'giving up'}`,
      );
      return retry;
    };
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: 'heliograph',
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log(`github: ${message}`),
      error: (message: string) => log(`github: ${message}`),
    },
    retry: {
      retries: BACKOFF.retries,
      doNotRetry: [...BACKOFF.doNotRetry],
      retryAfterBaseValue: unit,
    },
    throttle: {
      // Pacing of writes is per client: the plugin's limiters are shared by every client in a
      // process with the same id, and one run makes one client.
      id: randomUUID(),
      retryAfterBaseValue: unit,
      // The plugin's own limiters space writes by a whole second whatever the unit; these space
      // them by the policy above, in the client's unit.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: BACKOFF.writeSpacingSeconds * unit,
      }),
      notifications: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: BACKOFF.notifyingWriteSpacingSeconds * unit,
      }),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
  return Object.assign(octokit, { backoffUnitMs: unit });
}
