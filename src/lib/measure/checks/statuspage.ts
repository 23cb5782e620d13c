/**
 * The `statuspage` check: a dependency's own status, read from its Atlassian Statuspage-compatible
 * page (`/api/v2/summary.json`, https://metastatuspage.com/api). That is how a business follows
 * WhatsApp-, GitHub- or Stripe-like providers without probing them itself.
 */
import { z } from 'astro/zod';
import type { Check } from '../../config/schema.ts';
import type { HealthStatus } from '../../status.ts';
import type { CheckRunner } from '../types.ts';
import { httpRequest } from './http-request.ts';
import { quote } from './reasons.ts';

type StatuspageCheck = Extract<Check, { type: 'statuspage' }>;

/** The part of `summary.json` read here; other fields are ignored so that additions do not break. */
const summarySchema = z.object({
  page: z.object({ name: z.string() }).optional(),
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      // A plain string: a status this code does not know must fail one check, not the parse.
      status: z.string(),
    }),
  ),
});

/** How each provider status counts here, and how the reason words it. */
const PROVIDER_STATUSES = new Map<string, { status: HealthStatus; words?: string }>([
  ['operational', { status: 'operational' }],
  ['degraded_performance', { status: 'degraded_performance' }],
  ['partial_outage', { status: 'partial_outage' }],
  ['major_outage', { status: 'major_outage' }],
  // Planned work at the provider is not our outage, but the dependency may misbehave meanwhile.
  [
    'under_maintenance',
    { status: 'degraded_performance', words: 'under maintenance at the provider' },
  ],
]);

/** Runs a `statuspage` check once. */
export const statuspageRunner: CheckRunner<StatuspageCheck> = async (check, ctx) => {
  // Resolved against the page's base with a trailing slash, so that a page under a path works too.
  const base = check.url.endsWith('/') ? check.url : `${check.url}/`;
  const url = URL.parse('api/v2/summary.json', base);
  if (url === null) return { status: 'major_outage', reason: 'invalid URL', phases: { total: 0 } };
  const answer = await httpRequest({ url: url.href }, ctx);
  const { phases } = answer;
  const fail = (reason: string) => ({ status: 'major_outage', reason, phases }) as const;
  if (!answer.ok) return fail(answer.reason);
  if (answer.status < 200 || answer.status > 299) {
    return fail(`status page answered ${answer.status} for summary.json`);
  }
  if (answer.truncated) {
    return fail(`status page summary is larger than ${ctx.policy.body_limit_bytes} bytes`);
  }

  let json: unknown;
  try {
    json = JSON.parse(answer.body.toString('utf8'));
  } catch {
    // Not JSON is the finding itself (often an HTML error page); the parser's offset adds nothing.
    return fail('status page summary is not JSON');
  }
  const parsed = summarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined
        ? ''
        : ` (${issue.path.map(String).join('.') || 'top level'}: ${issue.message})`;
    return fail(`status page summary has an unexpected shape${where}`);
  }

  const summary = parsed.data;
  const component =
    summary.components.find((c) => c.id === check.component) ??
    summary.components.find((c) => c.name === check.component);
  if (component === undefined)
    return fail(`no component ${quote(check.component, ctx.scrub)} on that page`);

  // A third party's words (its page's name, its components' names) are quoted plain text, never
  // Markdown: the reason reaches GitHub issues and job summaries (docs/security.md).
  const page =
    summary.page?.name === undefined ? url.hostname : quote(summary.page.name, ctx.scrub);
  const known = PROVIDER_STATUSES.get(component.status);
  if (known === undefined) {
    return fail(
      `${page} status: ${quote(component.name, ctx.scrub)} has unknown status ${quote(component.status, ctx.scrub)}`,
    );
  }
  if (known.status === 'operational') return { status: 'operational', phases };
  return {
    status: known.status,
    reason: `${page} status: ${quote(component.name, ctx.scrub)} is ${known.words ?? component.status}`,
    phases,
  };
};
