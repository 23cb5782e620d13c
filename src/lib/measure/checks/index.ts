/**
 * The check runners by check type, and the dispatcher the engine calls. Each runner makes one
 * attempt; retries, backoff and concurrency belong to the engine (`../run.ts`).
 */
import type { Check } from '../../config/schema.ts';
import type { CheckRunner } from '../types.ts';
import { dnsRunner } from './dns.ts';
import { httpRunner } from './http.ts';
import { statuspageRunner } from './statuspage.ts';
import { tcpRunner } from './tcp.ts';
import { tlsRunner } from './tls.ts';

/** The check of a given type (`CheckOf<'http'>` has the http options). */
export type CheckOf<T extends Check['type']> = Extract<Check, { type: T }>;

/** One runner per check type, each accepting exactly its own check. */
export type Runners = { [T in Check['type']]: CheckRunner<CheckOf<T>> };

/** The runners by check type. */
export const runners: Runners = {
  http: httpRunner,
  tcp: tcpRunner,
  dns: dnsRunner,
  tls: tlsRunner,
  statuspage: statuspageRunner,
};

/** Runs one attempt of any check with the runner of its type. */
export const runCheck: CheckRunner = (check, ctx) => {
  // A switch narrows `check` for each runner; indexing `runners[check.type]` cannot (TS #30581).
  switch (check.type) {
    case 'http':
      return runners.http(check, ctx);
    case 'tcp':
      return runners.tcp(check, ctx);
    case 'dns':
      return runners.dns(check, ctx);
    case 'tls':
      return runners.tls(check, ctx);
    case 'statuspage':
      return runners.statuspage(check, ctx);
  }
};
