import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCheckSchema } from '../../../src/lib/config/schema.ts';
import { httpRunner } from '../../../src/lib/measure/checks/http.ts';
import { probeContext, reachedPhases } from '../../support/probe-servers/context.ts';
import { startHttpServer, type TestHttpServer } from '../../support/probe-servers/http.ts';
import { closedPort, startRawServer, type RawServer } from '../../support/probe-servers/raw.ts';

/** Deadline of the cases that time out: short, to keep the suite fast. */
const DEADLINE_MS = 500;

let web: TestHttpServer;
/** A second server: the same host on another port is another origin. */
let other: TestHttpServer;
let silent: RawServer;
let malformed: RawServer;
let reset: RawServer;
let refusedPort: number;

beforeAll(async () => {
  [web, other, silent, malformed, reset, refusedPort] = await Promise.all([
    startHttpServer(),
    startHttpServer(),
    startRawServer('silent'),
    startRawServer('malformed'),
    startRawServer('reset-mid-body'),
    closedPort(),
  ]);
});

afterAll(async () => {
  await Promise.all([web.close(), other.close(), silent.close(), malformed.close(), reset.close()]);
});

/** Runs an http check, given as in heliograph.yaml, through the real schema. */
function run(options: Record<string, unknown>, timeoutMs = 2000, policy?: Record<string, unknown>) {
  const check = httpCheckSchema.parse({ type: 'http', ...options });
  return httpRunner(check, probeContext({ timeoutMs, ...(policy ? { policy } : {}) }));
}

describe('http check: status', () => {
  it('passes a 200 and reports ordered phases', async () => {
    const result = await run({ url: `${web.url}/ok` });
    expect(result.status).toBe('operational');
    expect(result.reason).toBeUndefined();
    // An IP address: no DNS phase; plain HTTP: no TLS phase.
    expect(result.phases.dns).toBeUndefined();
    expect(result.phases.tls).toBeUndefined();
    expect(result.phases.connect).toBeTypeOf('number');
    expect(result.phases.firstByte).toBeTypeOf('number');
    const reached = reachedPhases(result.phases);
    expect(reached).toHaveLength(3);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('reports the DNS phase when the URL names a host', async () => {
    const result = await run({ url: `${web.url.replace('127.0.0.1', 'localhost')}/ok` });
    expect(result.status).toBe('operational');
    expect(result.phases.dns).toBeTypeOf('number');
    const reached = reachedPhases(result.phases);
    expect(reached).toHaveLength(4);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('fails a 503 against the default 2xx', async () => {
    const result = await run({ url: `${web.url}/status?code=503` });
    expect(result).toMatchObject({ status: 'major_outage', reason: 'expected 2xx, got 503' });
  });

  it('names the expected codes and classes', async () => {
    expect((await run({ url: `${web.url}/status?code=503`, expect_status: [200] })).reason).toBe(
      'expected 200, got 503',
    );
    expect(
      (await run({ url: `${web.url}/nowhere`, expect_status: [200, 204, '3xx'] })).reason,
    ).toBe('expected 200, 204 or 3xx, got 404');
    expect((await run({ url: `${web.url}/nowhere`, expect_status: ['4xx'] })).status).toBe(
      'operational',
    );
  });
});

describe('http check: deadline', () => {
  it('times out waiting for headers slower than the deadline', async () => {
    const result = await run({ url: `${web.url}/slow?ms=5000` }, DEADLINE_MS);
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s waiting for headers',
    });
    expect(result.phases.connect).toBeTypeOf('number');
    expect(result.phases.firstByte).toBeUndefined();
  });

  it('times out on a body that drips slower than the deadline', async () => {
    const result = await run({ url: `${web.url}/drip` }, DEADLINE_MS);
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s reading the body',
    });
    expect(result.phases.firstByte).toBeTypeOf('number');
    expect(result.phases.total).toBeGreaterThanOrEqual(result.phases.firstByte ?? Infinity);
  });

  it('times out on a server that accepts and never answers', async () => {
    const result = await run({ url: `http://127.0.0.1:${silent.port}/` }, DEADLINE_MS);
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 0.5 s waiting for headers',
    });
  });

  it('words a deadline already passed as a timeout while connecting', async () => {
    const check = httpCheckSchema.parse({ type: 'http', url: `${web.url}/ok` });
    const ctx = { ...probeContext({ timeoutMs: 5000 }), signal: AbortSignal.abort() };
    const result = await httpRunner(check, ctx);
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'timeout after 5 s connecting',
    });
  });
});

describe('http check: broken connections and responses', () => {
  it('reports a refused connection', async () => {
    const result = await run({ url: `http://127.0.0.1:${refusedPort}/` });
    expect(result).toMatchObject({ status: 'major_outage', reason: 'connection refused' });
    expect(result.phases.connect).toBeUndefined();
  });

  it('reports a connection reset in the middle of the body', async () => {
    const result = await run({ url: `http://127.0.0.1:${reset.port}/` }, DEADLINE_MS * 2);
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'connection reset while reading the body',
    });
    expect(result.phases.firstByte).toBeTypeOf('number');
  });

  it('reports a malformed HTTP response', async () => {
    const result = await run({ url: `http://127.0.0.1:${malformed.port}/` });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'malformed HTTP response (HPE_INVALID_CONSTANT)',
    });
  });
});

describe('http check: body limit', () => {
  it('reads only the cap of a 100 MB body', async () => {
    const before = web.routes.bigBytesSent();
    const rssBefore = process.memoryUsage().rss;
    const result = await run({ url: `${web.url}/big`, body_contains: 'BIG BODY START' }, 5000);
    expect(result.status).toBe('operational');
    // The server produced the body only as it was read: a few MB of socket buffers at most.
    expect(web.routes.bigBytesSent() - before).toBeLessThan(16 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('says the body was cut when the text may lie beyond the cap', async () => {
    const result = await run({ url: `${web.url}/big`, body_contains: 'THE END' }, 5000, {
      body_limit_bytes: 65_536,
    });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'body does not contain "THE END" (only the first 65536 bytes were read)',
    });
  });
});

describe('http check: redirects', () => {
  it('follows relative redirects to the answer', async () => {
    const result = await run({ url: `${web.url}/hop/one`, body_contains: 'Welcome' });
    expect(result.status).toBe('operational');
  });

  it('leaves the body of a redirect unread, with the phases of the last hop', async () => {
    const result = await run({ url: `${web.url}/redirect-drip`, body_contains: 'Welcome' });
    expect(result.status).toBe('operational');
    const reached = reachedPhases(result.phases);
    expect(reached).toHaveLength(3);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('stops a redirect loop', async () => {
    const result = await run({ url: `${web.url}/loop` });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'too many redirects (more than 5)',
    });
    expect((await run({ url: `${web.url}/loop`, max_redirects: 2 })).reason).toBe(
      'too many redirects (more than 2)',
    );
  });

  it('reads a redirect as the answer when max_redirects is 0', async () => {
    expect((await run({ url: `${web.url}/loop`, max_redirects: 0 })).reason).toBe(
      'expected 2xx, got 302',
    );
    expect(
      (await run({ url: `${web.url}/loop`, max_redirects: 0, expect_status: [302] })).status,
    ).toBe('operational');
  });

  it('turns a POST into a GET on 303 and keeps credentials at their origin', async () => {
    const elsewhere = `${web.url.replace('127.0.0.1', 'localhost')}/echo`;
    const result = await run({
      url: `${web.url}/redirect?code=303&to=${encodeURIComponent(elsewhere)}`,
      method: 'POST',
      headers: { Authorization: 'Bearer secret', 'Content-Type': 'text/plain' },
      body: 'hello',
      json: { path: 'method', equals: 'GET' },
    });
    expect(result.status).toBe('operational');
    const leaked = await run({
      url: `${web.url}/redirect?code=303&to=${encodeURIComponent(elsewhere)}`,
      headers: { Authorization: 'Bearer secret' },
      json: { path: 'headers.authorization', equals: 'Bearer secret' },
    });
    expect(leaked.reason).toBe('no JSON value at headers.authorization');
  });

  it('keeps the method and body on a 307 to the same origin', async () => {
    const result = await run({
      url: `${web.url}/redirect?code=307&to=/echo`,
      method: 'PUT',
      headers: { Authorization: 'Bearer secret' },
      body: 'hello',
      json: { path: 'body', equals: 'hello' },
    });
    expect(result.status).toBe('operational');
  });
});

describe('http check: what a redirect carries', () => {
  const configured = {
    method: 'POST',
    headers: {
      'X-Api-Key': 'k3y-Secret-99',
      Cookie: 'session=s3cret',
      'Content-Type': 'text/plain',
    },
    body: 'hello',
  };
  /** The same check, redirected (307: method and body kept) to `to`, asserting on the echo. */
  const via307 = (to: string, json: { path: string; equals: string }) =>
    run({ ...configured, url: `${web.url}/redirect?code=307&to=${encodeURIComponent(to)}`, json });

  it('keeps every configured header and the body on the same origin', async () => {
    const here = `${web.url}/echo`;
    expect(
      (await via307(here, { path: 'headers.x-api-key', equals: 'k3y-Secret-99' })).status,
    ).toBe('operational');
    expect((await via307(here, { path: 'body', equals: 'hello' })).status).toBe('operational');
  });

  it.each([
    ['another host', () => `${web.url.replace('127.0.0.1', 'localhost')}/echo`],
    ['another port', () => `${other.url}/echo`],
  ])('drops every configured header and the body on a redirect to %s', async (_, to) => {
    expect(
      (await via307(to(), { path: 'headers.x-api-key', equals: 'k3y-Secret-99' })).reason,
    ).toBe('no JSON value at headers.x-api-key');
    expect((await via307(to(), { path: 'headers.cookie', equals: 'session=s3cret' })).reason).toBe(
      'no JSON value at headers.cookie',
    );
    expect((await via307(to(), { path: 'body', equals: '' })).status).toBe('operational');
    expect((await via307(to(), { path: 'method', equals: 'POST' })).status).toBe('operational');
    expect(
      (await via307(to(), { path: 'headers.user-agent', equals: 'Heliograph-Probe/1' })).status,
    ).toBe('operational');
  });

  it('names the host and port a redirect led to when that hop fails, and nothing else of its URL', async () => {
    const to = `http://probe:pa55word@127.0.0.1:${refusedPort}/private/path?token=t0ken-value#frag`;
    const result = await run({ url: `${web.url}/redirect?code=302&to=${encodeURIComponent(to)}` });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: `redirected to 127.0.0.1:${refusedPort}: connection refused`,
    });
    const silentHop = await run(
      {
        url: `${web.url}/redirect?code=302&to=${encodeURIComponent(`http://127.0.0.1:${silent.port}/x?k=v`)}`,
      },
      DEADLINE_MS,
    );
    expect(silentHop.reason).toBe(
      `redirected to 127.0.0.1:${silent.port}: timeout after 0.5 s waiting for headers`,
    );
  });
});

describe('http check: assertions', () => {
  it('sends the method, headers and body, with a User-Agent', async () => {
    const url = `${web.url}/echo`;
    const sent = { url, method: 'POST', headers: { 'X-Probe': 'yes' }, body: '{"a":1}' };
    expect((await run({ ...sent, json: { path: 'method', equals: 'POST' } })).status).toBe(
      'operational',
    );
    expect((await run({ ...sent, json: { path: 'body', equals: '{"a":1}' } })).status).toBe(
      'operational',
    );
    expect((await run({ ...sent, json: { path: 'headers.x-probe', equals: 'yes' } })).status).toBe(
      'operational',
    );
    expect((await run({ ...sent, body_regex: '"user-agent":"Heliograph-Probe/' })).status).toBe(
      'operational',
    );
  });

  it('fails on a missing keyword', async () => {
    const result = await run({ url: `${web.url}/ok`, body_contains: 'Closed for holidays' });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'body does not contain "Closed for holidays"',
    });
    expect((await run({ url: `${web.url}/ok`, body_contains: 'Corner Bakery' })).status).toBe(
      'operational',
    );
  });

  it('fails on a pattern that does not match', async () => {
    expect((await run({ url: `${web.url}/ok`, body_regex: 'open' })).reason).toBe(
      'body does not match /open/',
    );
    expect((await run({ url: `${web.url}/ok`, body_regex: '^Welcome\\b' })).status).toBe(
      'operational',
    );
  });

  it('fails on a JSON value that differs', async () => {
    const result = await run({
      url: `${web.url}/json`,
      json: { path: 'status.indicator', equals: 'none' },
    });
    expect(result).toMatchObject({
      status: 'major_outage',
      reason: 'JSON value at status.indicator is "major", expected "none"',
    });
  });

  it('indexes arrays and compares non-string values', async () => {
    const url = `${web.url}/json`;
    expect((await run({ url, json: { path: 'items.0.ok', equals: true } })).status).toBe(
      'operational',
    );
    expect((await run({ url, json: { path: 'items.1.ok', equals: true } })).reason).toBe(
      'JSON value at items.1.ok is false, expected true',
    );
    expect((await run({ url, json: { path: 'items.5.ok', equals: true } })).reason).toBe(
      'no JSON value at items.5.ok',
    );
    expect((await run({ url, json: { path: 'status', equals: 'ok' } })).reason).toBe(
      'JSON value at status is {"indicator":"major"}, expected "ok"',
    );
  });

  it('fails when the response is not JSON', async () => {
    const result = await run({ url: `${web.url}/ok`, json: { path: 'status', equals: 'ok' } });
    expect(result).toMatchObject({ status: 'major_outage', reason: 'response is not JSON' });
  });
});

describe('http check: response time', () => {
  it('degrades a slow but correct answer', async () => {
    const result = await run({ url: `${web.url}/slow?ms=300`, max_response_ms: 100 });
    expect(result.status).toBe('degraded_performance');
    expect(result.reason).toMatch(/^slow: \d+ ms \(limit 100 ms\)$/);
    expect(result.phases.total).toBeGreaterThanOrEqual(300);
  });

  it('passes an answer within the limit', async () => {
    const result = await run({ url: `${web.url}/ok`, max_response_ms: 1500 });
    expect(result.status).toBe('operational');
  });
});
