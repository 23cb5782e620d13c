import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statuspageCheckSchema } from '../../../src/lib/config/schema.ts';
import { statuspageRunner } from '../../../src/lib/measure/checks/statuspage.ts';
import { probeContext } from '../../support/probe-servers/context.ts';
import {
  HOSTILE_COMPONENT_NAME,
  startHttpServer,
  type TestHttpServer,
} from '../../support/probe-servers/http.ts';
import { closedPort } from '../../support/probe-servers/raw.ts';

let web: TestHttpServer;
let refusedPort: number;

beforeAll(async () => {
  [web, refusedPort] = await Promise.all([startHttpServer(), closedPort()]);
});

afterAll(async () => {
  await web.close();
});

function run(page: string, component: string, policy?: Record<string, unknown>) {
  const check = statuspageCheckSchema.parse({ type: 'statuspage', url: page, component });
  return statuspageRunner(check, probeContext({ ...(policy ? { policy } : {}) }));
}

describe('statuspage check', () => {
  it('passes an operational component found by name, with phases', async () => {
    const result = await run(`${web.url}/statuspage`, 'Git Operations');
    expect(result.status).toBe('operational');
    expect(result.reason).toBeUndefined();
    expect(result.phases.firstByte).toBeLessThanOrEqual(result.phases.total);
  });

  it('finds a component by id, with or without a trailing slash', async () => {
    expect((await run(`${web.url}/statuspage/`, 'brv1bkgrwx7q')).status).toBe('operational');
    expect((await run(`${web.url}/statuspage`, '8l4ygp009s5s')).status).toBe('partial_outage');
  });

  it('follows a partial outage, naming the page and the component', async () => {
    expect(await run(`${web.url}/statuspage`, 'API Requests')).toMatchObject({
      status: 'partial_outage',
      reason: '"GitHub" status: "API Requests" is partial_outage',
    });
  });

  it('counts maintenance at the provider as degraded', async () => {
    expect(await run(`${web.url}/statuspage`, 'Webhooks')).toMatchObject({
      status: 'degraded_performance',
      reason: '"GitHub" status: "Webhooks" is under maintenance at the provider',
    });
  });

  it('fails a status it does not know', async () => {
    expect(await run(`${web.url}/statuspage`, 'Codespaces')).toMatchObject({
      status: 'major_outage',
      reason: '"GitHub" status: "Codespaces" has unknown status "exploded"',
    });
  });

  it('fails a component that is not on the page', async () => {
    expect(await run(`${web.url}/statuspage`, 'Actions')).toMatchObject({
      status: 'major_outage',
      reason: 'no component "Actions" on that page',
    });
    // Names match exactly.
    expect((await run(`${web.url}/statuspage`, 'api requests')).reason).toBe(
      'no component "api requests" on that page',
    );
  });

  it('fails garbage instead of JSON', async () => {
    expect(await run(`${web.url}/garbage`, 'API Requests')).toMatchObject({
      status: 'major_outage',
      reason: 'status page summary is not JSON',
    });
  });

  it('fails JSON of another shape', async () => {
    const result = await run(`${web.url}/shapeless`, 'API Requests');
    expect(result.status).toBe('major_outage');
    expect(result.reason).toMatch(/^status page summary has an unexpected shape \(components: /);
  });

  it('fails an HTTP error and an unreachable page', async () => {
    expect(await run(`${web.url}/down`, 'API Requests')).toMatchObject({
      status: 'major_outage',
      reason: 'status page answered 503 for summary.json',
    });
    expect(await run(`http://127.0.0.1:${refusedPort}`, 'API Requests')).toMatchObject({
      status: 'major_outage',
      reason: 'connection refused',
    });
  });

  it("quotes a third party's names as plain text: cleaned, capped, in quotes", async () => {
    const result = await run(`${web.url}/hostile`, 'pay');
    expect(result.status).toBe('major_outage');
    expect(result.reason).toBe(
      '"[re-enter card details here](https://evil.example/pay) @tea…" status: "Payments <img src=x onerror=alert(1)> @here xxxxxxxxxxxxxxx…" is major_outage',
    );
    // Each name is one JSON-quoted excerpt: no escape, no control, no more than 60 characters.
    const quoted = [...result.reason!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    expect(quoted).toHaveLength(2);
    for (const text of quoted) expect(text.length).toBeLessThanOrEqual(60);
    expect(result.reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(HOSTILE_COMPONENT_NAME.length).toBeGreaterThan(200);
  });

  it('fails a summary larger than the body limit', async () => {
    const page = `${web.url}/huge`;
    expect((await run(page, 'Component 499')).status).toBe('operational');
    expect(await run(page, 'Component 499', { body_limit_bytes: 1024 })).toMatchObject({
      status: 'major_outage',
      reason: 'status page summary is larger than 1024 bytes',
    });
  });
});
