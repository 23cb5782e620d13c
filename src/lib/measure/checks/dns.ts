/**
 * The `dns` check: one query through the c-ares resolver (`dns.promises.Resolver`), which talks to
 * the DNS server itself, can be pointed at a given server and cancelled. `dns.lookup` would go
 * through the libuv thread pool and the system's resolver: no server choice, no cancellation, and a
 * hung lookup would hold a pool thread other checks need.
 */
import { Resolver } from 'node:dns/promises';
import type { Check } from '../../config/schema.ts';
import type { CheckRunner } from '../types.ts';
import { startPhases } from './phases.ts';
import { errorCode, excerpt, listWords, quote, timeoutReason } from './reasons.ts';

type DnsCheck = Extract<Check, { type: 'dns' }>;
type DnsRecord = DnsCheck['record'];

/** Runs a `dns` check once. */
export const dnsRunner: CheckRunner<DnsCheck> = async (check, ctx) => {
  const clock = startPhases();
  const fail = (reason: string) =>
    ({ status: 'major_outage', reason, phases: clock.read() }) as const;
  // One try: retries belong to the engine, and the deadline must bound the whole query.
  const resolver = new Resolver({ timeout: Math.max(1, Math.ceil(ctx.timeoutMs)), tries: 1 });
  if (check.server !== undefined) {
    try {
      resolver.setServers([check.server]);
    } catch (error) {
      return fail(
        `invalid DNS server ${quote(check.server, ctx.scrub)} (${errorCode(error) ?? 'unparsable'})`,
      );
    }
  }
  if (ctx.signal.aborted) return fail(timeoutReason(ctx.timeoutMs, 'dns'));

  const onAbort = (): void => resolver.cancel();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let values: string[];
  try {
    values = await query(resolver, check.record, check.name);
  } catch (error) {
    return fail(queryErrorReason(error, check.record, ctx.timeoutMs));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  clock.mark('dns');

  if (values.length === 0) return fail(`no ${check.record} records`);
  const expected = check.expect ?? [];
  const present = new Set(values.map((value) => normalize(check.record, value)));
  const missing = expected.filter((value) => !present.has(normalize(check.record, value)));
  if (missing.length > 0) {
    const show = (list: readonly string[]) =>
      listWords(
        list.map((value) =>
          check.record === 'TXT' ? quote(value, ctx.scrub) : excerpt(value, ctx.scrub),
        ),
      );
    return fail(`expected ${show(expected)}, got ${show(values)}`);
  }
  return { status: 'operational', phases: clock.read() };
};

/** The answer's values as text: MX gives the exchange host, TXT joins a record's chunks. */
async function query(resolver: Resolver, record: DnsRecord, name: string): Promise<string[]> {
  switch (record) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => mx.exchange);
    case 'TXT':
      // A TXT record is a list of strings of at most 255 bytes each (RFC 1035 §3.3.14); long
      // values such as DKIM keys are split across them and mean their concatenation.
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

/** A value in the form used for comparison: IPv6 compressed, host names without case or root dot. */
function normalize(record: DnsRecord, value: string): string {
  switch (record) {
    case 'AAAA':
      // The URL parser writes IPv6 addresses in their canonical compressed form.
      return URL.parse(`http://[${value.trim()}]/`)?.hostname.slice(1, -1) ?? value.toLowerCase();
    case 'CNAME':
    case 'MX':
      return value.trim().toLowerCase().replace(/\.$/, '');
    case 'A':
      return value.trim();
    case 'TXT':
      return value;
  }
}

/** c-ares error codes (`dns.NOTFOUND`…) in the words of the DNS. */
function queryErrorReason(error: unknown, record: DnsRecord, timeoutMs: number): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
      return 'NXDOMAIN';
    case 'ENODATA':
      return `no ${record} records`;
    // ECANCELLED: our own cancel at the deadline; ETIMEOUT: c-ares gave up first.
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return timeoutReason(timeoutMs, 'dns');
    case 'ESERVFAIL':
      return 'SERVFAIL from the DNS server';
    case 'EREFUSED':
      return 'the DNS server refused the query';
    case 'ECONNREFUSED':
      return 'connection refused by the DNS server';
    case 'EBADRESP':
    case 'EFORMERR':
      return `malformed DNS response (${code})`;
    default:
      return `DNS query failed (${code ?? (error instanceof Error ? error.message : 'unknown error')})`;
  }
}
