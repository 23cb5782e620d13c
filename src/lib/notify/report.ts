/** How a notification run reports: one line per send, a summary line, a job summary table. */
import type { FirstRun, SendResult } from './run.ts';

/** A target that could not be used at all (a secret not set), with why. */
export interface TargetProblem {
  target: string;
  kind: string;
  error: string;
}

/** One line: `sent slack incident.opened <event id> (1 attempt, 84 ms)`. */
export function resultLine(r: SendResult): string {
  const head = `${r.outcome} ${r.target} ${r.event.kind} ${r.event.id}`;
  switch (r.outcome) {
    case 'sent':
      return `${head} (${attempts(r.attempts)}, ${r.ms} ms)`;
    case 'failed':
      return `${head} — ${r.error ?? 'failed'} (${attempts(r.attempts)}); the next run tries again`;
    case 'postponed':
      return `${head} — not attempted: the target failed earlier in this run; the next run tries again`;
    case 'dry-run':
      return `${head} — due (dry run: not sent)${r.preview ? `\n${indent(r.preview)}` : ''}`;
  }
}

/**
 * A target's first run: `slack: first run; 8 earlier events skipped (it gets what happens from
 * 2026-11-21T09:00:00Z on)`.
 */
export function firstRunLine(first: FirstRun, dryRun: boolean): string {
  const since = new Date(first.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const skipped =
    first.skipped === 0
      ? 'nothing earlier to skip'
      : `${first.skipped} earlier event${first.skipped === 1 ? '' : 's'} skipped`;
  const when = dryRun ? 'a real run would record it as seen' : 'recorded as seen';
  return `${first.target}: first run; ${skipped} (it gets what happens from ${since} on; ${when})`;
}

/** `2 sent, 1 failed, 1 postponed to the next run` or `nothing to send`. */
export function summaryLine(
  results: readonly SendResult[],
  problems: readonly TargetProblem[],
  dryRun = false,
): string {
  if (results.length === 0 && problems.length === 0) return 'notify: nothing to send';
  const count = (outcome: SendResult['outcome']): number =>
    results.filter((r) => r.outcome === outcome).length;
  const parts = [`${count('sent')} sent`, `${count('failed')} failed`];
  if (count('postponed')) parts.push(`${count('postponed')} postponed to the next run`);
  if (count('dry-run')) parts.push(`${count('dry-run')} due (dry run)`);
  if (problems.length) {
    parts.push(
      dryRun
        ? `${problems.length} target(s) missing a secret`
        : `${problems.length} target(s) not configured`,
    );
  }
  return `notify: ${parts.join(', ')}`;
}

/** Markdown for `$GITHUB_STEP_SUMMARY`. */
export function jobSummary(
  results: readonly SendResult[],
  problems: readonly TargetProblem[],
): string {
  const escape = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const lines = ['## Heliograph notifications', '', summaryLine(results, problems), ''];
  if (results.length || problems.length) {
    lines.push('| target | event | result |', '| --- | --- | --- |');
    for (const p of problems)
      lines.push(`| ${p.target} (${p.kind}) | — | not configured: ${escape(p.error)} |`);
    for (const r of results) {
      const result =
        r.outcome === 'sent'
          ? `sent (${attempts(r.attempts)}, ${r.ms} ms)`
          : r.outcome === 'failed'
            ? `failed: ${escape(r.error ?? '')}`
            : r.outcome === 'postponed'
              ? 'postponed: the target failed earlier in this run'
              : 'due (dry run)';
      lines.push(`| ${r.target} (${r.kind}) | ${r.event.kind} \`${r.event.id}\` | ${result} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A preview's lines, indented under its result line. */
function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`.trimEnd())
    .join('\n');
}

function attempts(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`;
}
