import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCheckSchema, tlsCheckSchema } from '../../../src/lib/config/schema.ts';
import { httpRunner } from '../../../src/lib/measure/checks/http.ts';
import { tlsRunner } from '../../../src/lib/measure/checks/tls.ts';
import {
  probeContext,
  reachedPhases,
  type ProbeContextOptions,
} from '../../support/probe-servers/context.ts';
import { closedPort, startRawServer, type RawServer } from '../../support/probe-servers/raw.ts';
import { startTlsServers, type TlsServers } from '../../support/probe-servers/tls.ts';

const DEADLINE_MS = 500;
const DAY_MS = 86_400_000;

let tls: TlsServers;
let silent: RawServer;
let refusedPort: number;

beforeAll(async () => {
  [tls, silent, refusedPort] = await Promise.all([
    startTlsServers(),
    startRawServer('silent'),
    closedPort(),
  ]);
});

afterAll(async () => {
  await Promise.all([tls.close(), silent.close()]);
});

/** The test CA is trusted unless a test says otherwise. */
function context(options: ProbeContextOptions = {}) {
  return probeContext({ timeoutMs: 2000, ca: [tls.ca], ...options });
}

function runTls(options: Record<string, unknown>, ctx: ProbeContextOptions = {}) {
  const check = tlsCheckSchema.parse({ type: 'tls', host: '127.0.0.1', ...options });
  return tlsRunner(check, context(ctx));
}

function runHttps(options: Record<string, unknown>, ctx: ProbeContextOptions = {}) {
  const check = httpCheckSchema.parse({ type: 'http', ...options });
  return httpRunner(check, context(ctx));
}

describe('tls check', () => {
  it('passes a valid certificate with months left, with ordered phases', async () => {
    const result = await runTls({ port: tls.ports.valid });
    expect(result).toMatchObject({ status: 'operational' });
    expect(result.reason).toBeUndefined();
    expect(result.phases.connect).toBeTypeOf('number');
    expect(result.phases.tls).toBeTypeOf('number');
    const reached = reachedPhases(result.phases);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('checks a host name, with a DNS phase', async () => {
    const result = await runTls({ host: 'localhost', port: tls.ports.valid });
    expect(result.status).toBe('operational');
    expect(result.phases.dns).toBeTypeOf('number');
  });

  it('fails an expired certificate, counting the days', async () => {
    const result = await runTls({ port: tls.ports.expired });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'certificate expired 3 days ago',
    });
  });

  it('fails a certificate for another host name', async () => {
    expect(await runTls({ port: tls.ports.wrongHost })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate is not valid for 127.0.0.1',
    });
    expect(await runTls({ host: 'localhost', port: tls.ports.wrongHost })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate is not valid for localhost',
    });
    expect((await runTls({ port: tls.ports.wrongHost, servername: 'wrong.example' })).status).toBe(
      'operational',
    );
  });

  it('degrades a certificate expiring within the warning window', async () => {
    const result = await runTls({ port: tls.ports.expiringSoon });
    expect(result).toMatchObject({
      status: 'degraded_performance',
      reason: 'certificate expires in 5 days',
    });
    expect((await runTls({ port: tls.ports.expiringSoon, warn_days: 5 })).status).toBe(
      'operational',
    );
    expect(
      (await runTls({ port: tls.ports.expiringSoon }, { policy: { tls_warning_days: 3 } })).status,
    ).toBe('operational');
  });

  it('fails a self-signed certificate', async () => {
    expect(await runTls({ port: tls.ports.selfSigned })).toMatchObject({
      status: 'major_outage',
      reason: 'self-signed certificate',
    });
  });

  it('fails a certificate from an authority it does not trust', async () => {
    expect(await runTls({ port: tls.ports.valid }, { ca: [] })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    });
  });

  it('counts the days from the injected clock', async () => {
    const later = () => Date.now() + 100 * DAY_MS;
    expect((await runTls({ port: tls.ports.valid }, { now: later })).reason).toMatch(
      /^certificate expired (9|10) days ago$/,
    );
    const earlier = () => Date.now() - 10 * DAY_MS;
    expect((await runTls({ port: tls.ports.valid }, { now: earlier })).reason).toMatch(
      /^certificate is not valid until \d{4}-\d\d-\d\d$/,
    );
  });

  it('reports a refused connection and a silent server', async () => {
    expect(await runTls({ port: refusedPort })).toMatchObject({
      status: 'major_outage',
      reason: 'connection refused',
    });
    const result = await runTls({ port: silent.port }, { timeoutMs: DEADLINE_MS });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s during the TLS handshake',
    });
    expect(result.phases.connect).toBeTypeOf('number');
    expect(result.phases.tls).toBeUndefined();
  });
});

describe('http check over HTTPS', () => {
  const url = (name: keyof TlsServers['ports'], host = '127.0.0.1') =>
    `https://${host}:${tls.ports[name]}/ok`;

  it('passes a valid certificate from a CA in ctx.ca, with a TLS phase', async () => {
    const result = await runHttps({ url: url('valid', 'localhost') });
    expect(result.status).toBe('operational');
    const { dns, connect, tls: handshake, firstByte, total } = result.phases;
    expect([dns, connect, handshake, firstByte].every((ms) => typeof ms === 'number')).toBe(true);
    const reached = reachedPhases(result.phases);
    expect(reached).toHaveLength(5);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
    expect(total).toBe(reached.at(-1));
  });

  it('fails a self-signed certificate', async () => {
    expect(await runHttps({ url: url('selfSigned') })).toMatchObject({
      status: 'major_outage',
      reason: 'self-signed certificate',
    });
  });

  it('fails an expired certificate', async () => {
    expect(await runHttps({ url: url('expired') })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate has expired',
    });
  });

  it('fails a certificate for another host name', async () => {
    expect(await runHttps({ url: url('wrongHost', 'localhost') })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate is not valid for localhost',
    });
  });

  it('degrades a certificate expiring within the warning window', async () => {
    expect(await runHttps({ url: url('expiringSoon') })).toMatchObject({
      status: 'degraded_performance',
      reason: 'certificate expires in 5 days',
    });
  });

  it('fails a certificate from an authority it does not trust', async () => {
    expect(await runHttps({ url: url('valid') }, { ca: [] })).toMatchObject({
      status: 'major_outage',
      reason: 'certificate not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    });
  });

  it('accepts any certificate with verify_tls false', async () => {
    expect((await runHttps({ url: url('selfSigned'), verify_tls: false })).status).toBe(
      'operational',
    );
    expect((await runHttps({ url: url('expired'), verify_tls: false })).status).toBe('operational');
  });

  it('times out in the handshake with a silent server', async () => {
    const result = await runHttps(
      { url: `https://127.0.0.1:${silent.port}/` },
      { timeoutMs: DEADLINE_MS },
    );
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s during the TLS handshake',
    });
  });
});
