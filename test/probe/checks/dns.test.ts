import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsCheckSchema } from '../../../src/lib/config/schema.ts';
import { dnsRunner } from '../../../src/lib/measure/checks/dns.ts';
import { probeContext } from '../../support/probe-servers/context.ts';
import { startDnsServer, type TestDnsServer } from '../../support/probe-servers/dns.ts';

const DEADLINE_MS = 500;

let server: TestDnsServer;

beforeAll(async () => {
  server = await startDnsServer({
    'shop.test': {
      records: [
        { type: 'A', name: 'shop.test', ttl: 60, data: '203.0.113.7' },
        { type: 'A', name: 'shop.test', ttl: 60, data: '203.0.113.8' },
        { type: 'AAAA', name: 'shop.test', ttl: 60, data: '2001:db8::7' },
        {
          type: 'MX',
          name: 'shop.test',
          ttl: 60,
          data: { preference: 10, exchange: 'mx1.mail.test' },
        },
        // One TXT record in two chunks, as long records are sent.
        {
          type: 'TXT',
          name: 'shop.test',
          ttl: 60,
          data: ['v=spf1 include:', '_spf.mail.test ~all'],
        },
      ],
    },
    'www.shop.test': {
      records: [{ type: 'CNAME', name: 'www.shop.test', ttl: 60, data: 'shop.test' }],
    },
    'moved.test': { records: [{ type: 'A', name: 'moved.test', ttl: 60, data: '198.51.100.1' }] },
    'empty.test': { records: [] },
    'silent.test': 'silent',
  });
});

afterAll(async () => {
  await server.close();
});

function run(options: Record<string, unknown>, timeoutMs = DEADLINE_MS) {
  const check = dnsCheckSchema.parse({ type: 'dns', server: server.address, ...options });
  return dnsRunner(check, probeContext({ timeoutMs }));
}

describe('dns check', () => {
  it('passes the expected answer, with dns and total phases', async () => {
    const result = await run({ name: 'shop.test', expect: ['203.0.113.7'] });
    expect(result.status).toBe('operational');
    expect(result.reason).toBeUndefined();
    expect(result.phases.dns).toBeTypeOf('number');
    expect(result.phases.dns).toBeLessThanOrEqual(result.phases.total);
    expect(result.phases.connect).toBeUndefined();
  });

  it('passes any answer when nothing is expected', async () => {
    expect((await run({ name: 'moved.test' })).status).toBe('operational');
  });

  it('fails a wrong answer', async () => {
    const result = await run({ name: 'moved.test', expect: ['203.0.113.7'] });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'expected 203.0.113.7, got 198.51.100.1',
    });
  });

  it('needs every expected value', async () => {
    const result = await run({ name: 'shop.test', expect: ['203.0.113.7', '203.0.113.9'] });
    expect(result.reason).toBe(
      'expected 203.0.113.7 and 203.0.113.9, got 203.0.113.7 and 203.0.113.8',
    );
  });

  it('reports NXDOMAIN', async () => {
    expect(await run({ name: 'nowhere.test' })).toMatchObject({
      status: 'major_outage',
      reason: 'NXDOMAIN',
    });
  });

  it('reports an answer without records of the type', async () => {
    expect(await run({ name: 'empty.test' })).toMatchObject({
      status: 'major_outage',
      reason: 'no A records',
    });
    expect((await run({ name: 'moved.test', record: 'MX' })).reason).toBe('no MX records');
  });

  it('times out when the server never replies', async () => {
    const before = server.queries();
    const result = await run({ name: 'silent.test' });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s waiting for the DNS server',
    });
    // One try only: retries belong to the engine.
    expect(server.queries() - before).toBe(1);
  });

  it('compares AAAA, CNAME, MX and TXT values in their canonical forms', async () => {
    expect(
      (await run({ name: 'shop.test', record: 'AAAA', expect: ['2001:DB8:0::7'] })).status,
    ).toBe('operational');
    expect(
      (await run({ name: 'www.shop.test', record: 'CNAME', expect: ['Shop.Test.'] })).status,
    ).toBe('operational');
    expect((await run({ name: 'shop.test', record: 'MX', expect: ['mx1.mail.test'] })).status).toBe(
      'operational',
    );
    expect(
      (
        await run({
          name: 'shop.test',
          record: 'TXT',
          expect: ['v=spf1 include:_spf.mail.test ~all'],
        })
      ).status,
    ).toBe('operational');
    expect((await run({ name: 'shop.test', record: 'MX', expect: ['mx2.mail.test'] })).reason).toBe(
      'expected mx2.mail.test, got mx1.mail.test',
    );
    expect((await run({ name: 'shop.test', record: 'TXT', expect: ['v=DMARC1'] })).reason).toBe(
      'expected "v=DMARC1", got "v=spf1 include:_spf.mail.test ~all"',
    );
  });

  it('reports an unusable server address', async () => {
    const result = await run({ name: 'shop.test', server: 'not a server' });
    expect(result.status).toBe('major_outage');
    expect(result.reason).toMatch(/^invalid DNS server "not a server"/);
  });
});
