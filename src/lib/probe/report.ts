/** What a run tells people: a summary table for terminals and logs, and a GitHub job summary. */
import type { RecordOutcome } from '../record/record.ts';
import type { ComponentResult } from '../measure/run.ts';
import { codeSpan } from '../text/code-span.ts';

const WORD: Record<ComponentResult['status'], string> = {
  operational: 'up',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'down',
};

/** A plain-text table: component, status, time, reason. */
export function summaryTable(results: readonly ComponentResult[]): string {
  const rows = results.map((r) => [
    r.component,
    WORD[r.status],
    r.ms === null ? '-' : `${r.ms} ms`,
    r.reason ?? '',
  ]);
  const head = ['component', 'status', 'time', 'reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One line: how many checks were up, degraded, down. */
export function summaryLine(results: readonly ComponentResult[], ms: number): string {
  const count = (s: ComponentResult['status']): number =>
    results.filter((r) => r.status === s).length;
  return `${results.length} components checked in ${(ms / 1000).toFixed(1)} s: ${count('operational')} up, ${count('degraded_performance')} degraded, ${count('partial_outage')} partial, ${count('major_outage')} down`;
}

/** Markdown for `$GITHUB_STEP_SUMMARY`. */
export function jobSummary(
  results: readonly ComponentResult[],
  outcome: RecordOutcome | undefined,
  ms: number,
): string {
  // A reason may quote a third party (a status page's names): a code span keeps its links,
  // images and mentions plain text; `|` is escaped even there, as GitHub's tables ask.
  const escape = (s: string): string => codeSpan(s).replace(/\|/g, '\\|');
  const lines = [
    '## Heliograph probe',
    '',
    summaryLine(results, ms),
    '',
    '| component | status | time | reason |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.component} | ${WORD[r.status]} | ${r.ms === null ? '-' : `${r.ms} ms`} | ${escape(r.reason ?? '')} |`,
    ),
  ];
  if (outcome?.changes.length) {
    lines.push(
      '',
      '### Confirmed changes',
      '',
      ...outcome.changes.map((c) => `- ${c.component}: ${c.from} → ${c.to}`),
    );
  }
  if (outcome?.incidents.length) {
    lines.push(
      '',
      '### Incidents',
      '',
      ...outcome.incidents.map(
        (a) => `- ${a.kind} ${a.incident} (${a.component})${a.note ? `: ${a.note}` : ''}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
