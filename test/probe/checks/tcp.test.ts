import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpCheckSchema } from '../../../src/lib/config/schema.ts';
import { tcpRunner } from '../../../src/lib/measure/checks/tcp.ts';
import { probeContext, reachedPhases } from '../../support/probe-servers/context.ts';
import { closedPort, startRawServer, type RawServer } from '../../support/probe-servers/raw.ts';

/** Deadline of the cases that time out: short, to keep the suite fast. */
const DEADLINE_MS = 500;
/**
 * A deadline no test reaches: a runner that waited for it instead of ending on what it saw would
 * hold the test until Vitest's own timeout fails it, however fast or slow the machine.
 */
const NEVER_MS = 3_600_000;

let silent: RawServer;
let smtp: RawServer;
let ssh: RawServer;
let refusedPort: number;

beforeAll(async () => {
  [silent, smtp, ssh, refusedPort] = await Promise.all([
    startRawServer('silent'),
    startRawServer({ banner: '220 mail.example ESMTP ready\r\n' }),
    startRawServer({ banner: 'SSH-2.0-OpenSSH_9.6\r\n' }),
    closedPort(),
  ]);
});

afterAll(async () => {
  await Promise.all([silent.close(), smtp.close(), ssh.close()]);
});

function run(options: Record<string, unknown>, timeoutMs = DEADLINE_MS) {
  const check = tcpCheckSchema.parse({ type: 'tcp', host: '127.0.0.1', ...options });
  return tcpRunner(check, probeContext({ timeoutMs }));
}

describe('tcp check', () => {
  it('reports a refused connection', async () => {
    const result = await run({ port: refusedPort });
    expect(result).toMatchObject({ status: 'major_outage', reason: 'connection refused' });
    expect(result.phases.connect).toBeUndefined();
  });

  it('passes a server that accepts and says nothing when no banner is expected', async () => {
    const result = await run({ port: silent.port }, NEVER_MS);
    expect(result.status).toBe('operational');
    expect(result.reason).toBeUndefined();
    expect(result.phases.connect).toBeTypeOf('number');
  });

  it('times out waiting for a banner that never comes', async () => {
    const result = await run({ port: silent.port, expect_banner: '220' });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s waiting for the banner',
    });
    expect(result.phases.connect).toBeTypeOf('number');
  });

  it('passes the expected banner, with a first-byte phase', async () => {
    const result = await run({ port: smtp.port, expect_banner: '220' }, NEVER_MS);
    expect(result.status).toBe('operational');
    expect(result.phases.firstByte).toBeTypeOf('number');
    const reached = reachedPhases(result.phases);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('fails another banner, saying what came', async () => {
    const result = await run({ port: ssh.port, expect_banner: '220' });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'banner does not contain "220" (got "SSH-2.0-OpenSSH_9.6")',
    });
  });

  it('resolves a host name', async () => {
    const result = await run({ host: 'localhost', port: smtp.port, expect_banner: 'ESMTP' });
    expect(result.status).toBe('operational');
    expect(result.phases.dns).toBeTypeOf('number');
    expect(result.phases.dns).toBeLessThanOrEqual(result.phases.connect ?? -1);
  });
});
