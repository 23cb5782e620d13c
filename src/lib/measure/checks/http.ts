/**
 * The `http` check: one request, then the assertions in the order a person would check them —
 * status, body text, body pattern, JSON value — and finally the soft limits (response time and
 * certificate lifetime), which degrade rather than fail.
 */
import type { Check } from '../../config/schema.ts';
import type { CheckContext, CheckRunner } from '../types.ts';
import { certificateValidity } from './certificate-validity.ts';
import { httpRequest, type HttpAnswer } from './http-request.ts';
import { excerpt, quote } from './reasons.ts';
import type { Scrubber } from '../../secrets/scrub.ts';

type HttpCheck = Extract<Check, { type: 'http' }>;
type JsonAssertion = NonNullable<HttpCheck['json']>;

/** Accepted statuses when the check lists none: any success, as every uptime tool does. */
const DEFAULT_EXPECT_STATUS: readonly (number | string)[] = ['2xx'];

/** Runs an `http` check once. */
export const httpRunner: CheckRunner<HttpCheck> = async (check, ctx) => {
  const answer = await httpRequest(
    {
      url: check.url,
      method: check.method,
      headers: check.headers,
      body: check.body,
      maxRedirects: check.max_redirects,
      verifyTls: check.verify_tls,
    },
    ctx,
  );
  const { phases } = answer;
  if (!answer.ok) return { status: 'major_outage', reason: answer.reason, phases };

  const failure =
    statusFailure(answer.status, check.expect_status ?? DEFAULT_EXPECT_STATUS) ??
    bodyFailure(check, answer, ctx);
  if (failure !== undefined) return { status: 'major_outage', reason: failure, phases };

  const warnings: string[] = [];
  if (check.max_response_ms !== undefined && phases.total > check.max_response_ms) {
    warnings.push(`slow: ${phases.total} ms (limit ${check.max_response_ms} ms)`);
  }
  // Only a verified certificate is judged: with verify_tls false the owner opted out of it.
  if (check.verify_tls && answer.certificate !== undefined) {
    const verdict = certificateValidity({
      validFrom: answer.certificate.validFromDate,
      validTo: answer.certificate.validToDate,
      now: ctx.now(),
      warnDays: ctx.policy.tls_warning_days,
    });
    if (verdict.status === 'major_outage') return { ...verdict, phases };
    if (verdict.status !== 'operational') warnings.push(verdict.reason);
  }
  if (warnings.length > 0) {
    return { status: 'degraded_performance', reason: warnings.join('; '), phases };
  }
  return { status: 'operational', phases };
};

/** "expected 200, got 503", "expected 2xx, got 404" — or undefined when the status is accepted. */
function statusFailure(status: number, accepted: readonly (number | string)[]): string | undefined {
  const ok = accepted.some((want) =>
    typeof want === 'number' ? want === status : want[0] === String(status)[0],
  );
  if (ok) return undefined;
  const wanted = accepted.map(String);
  const list =
    wanted.length === 1 ? wanted.join('') : `${wanted.slice(0, -1).join(', ')} or ${wanted.at(-1)}`;
  return `expected ${list}, got ${status}`;
}

/** The first failing body assertion (contains, regex, JSON value), or undefined. */
function bodyFailure(check: HttpCheck, answer: HttpAnswer, ctx: CheckContext): string | undefined {
  const limit = ctx.policy.body_limit_bytes;
  if (check.body_contains === undefined && check.body_regex === undefined && !check.json) {
    return undefined;
  }
  // When the body was cut at the limit, say so: the text may simply lie beyond it.
  const cut = answer.truncated ? ` (only the first ${limit} bytes were read)` : '';
  const text = answer.body.toString('utf8');
  if (check.body_contains !== undefined && !text.includes(check.body_contains)) {
    return `body does not contain ${quote(check.body_contains, ctx.scrub)}${cut}`;
  }
  if (check.body_regex !== undefined && !new RegExp(check.body_regex).test(text)) {
    return `body does not match /${check.body_regex}/${cut}`;
  }
  if (check.json !== undefined) return jsonFailure(text, check.json, cut, ctx.scrub);
  return undefined;
}

/** 'JSON value at status.indicator is "major", expected "none"', or undefined when it matches. */
function jsonFailure(
  text: string,
  assertion: JsonAssertion,
  cut: string,
  scrub: Scrubber,
): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // Not JSON is the finding itself; the parser's position adds nothing for the reader.
    return `response is not JSON${cut}`;
  }
  const found = valueAt(document, assertion.path);
  if (!found.ok) return `no JSON value at ${assertion.path}`;
  if (found.value === assertion.equals) return undefined;
  return `JSON value at ${assertion.path} is ${shortJson(found.value, scrub)}, expected ${shortJson(assertion.equals, scrub)}`;
}

/** The value at a dotted path; numeric segments index arrays (`items.0.ok`). */
function valueAt(document: unknown, path: string): { ok: true; value: unknown } | { ok: false } {
  let current: unknown = document;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return { ok: false };
      const items: readonly unknown[] = current;
      const index = Number(segment);
      if (index >= items.length) return { ok: false };
      current = items[index];
    } else if (isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { ok: false };
    }
  }
  return { ok: true, value: current };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value as it appears in a reason: a short, scrubbed excerpt of its JSON text. */
function shortJson(value: unknown, scrub: Scrubber): string {
  return excerpt(JSON.stringify(value) ?? String(value), scrub);
}
