import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchema } from '../../../src/lib/config/schema.ts';
import { runCheck, runners } from '../../../src/lib/measure/checks/index.ts';
import { probeContext } from '../../support/probe-servers/context.ts';
import { startDnsServer, type TestDnsServer } from '../../support/probe-servers/dns.ts';
import { startHttpServer, type TestHttpServer } from '../../support/probe-servers/http.ts';

let web: TestHttpServer;
let dns: TestDnsServer;

beforeAll(async () => {
  [web, dns] = await Promise.all([startHttpServer(), startDnsServer({})]);
});

afterAll(async () => {
  await Promise.all([web.close(), dns.close()]);
});

describe('runCheck', () => {
  it('has a runner for every check type', () => {
    expect(Object.keys(runners).sort()).toEqual(['dns', 'http', 'statuspage', 'tcp', 'tls']);
  });

  it('dispatches each check to the runner of its type', async () => {
    const port = Number(new URL(web.url).port);
    const checks = [
      { type: 'http', url: `${web.url}/ok` },
      { type: 'tcp', host: '127.0.0.1', port },
      { type: 'dns', name: 'nowhere.test', server: dns.address },
      { type: 'tls', host: '127.0.0.1', port },
      { type: 'statuspage', url: `${web.url}/statuspage`, component: 'Git Operations' },
    ].map((c) => checkSchema.parse(c));
    const results = await Promise.all(checks.map((c) => runCheck(c, probeContext())));
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['operational', undefined],
      ['operational', undefined],
      ['major_outage', 'NXDOMAIN'],
      // A plain HTTP server does not speak TLS.
      ['major_outage', 'TLS handshake failed (wrong version number)'],
      ['operational', undefined],
    ]);
  });
});
