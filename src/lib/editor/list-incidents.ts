/** `incident list [--all]`: the unresolved incidents (or all), newest first, one line each. */
import { formatProblem } from '../validation/friendly-errors.ts';
import type { EditorRun } from './context.ts';
import { readIncidents } from './incident-index.ts';
import { formatShort } from './times.ts';

/** Prints the table; returns the number of files that could not be read (their problems go to stderr). */
export function listIncidents(run: EditorRun, all: boolean): number {
  const tz = run.config.site.time_zone;
  const indexed = readIncidents(run);
  const rows: { started: number; cells: string[] }[] = [];
  for (const { id, entry, incident } of indexed) {
    // A merged incident lives on in the one it joined; its file only leads there.
    if (!entry || entry.data.merged_into !== undefined) continue;
    if (incident) {
      if (!all && incident.resolvedAt !== null) continue;
      rows.push({
        started: incident.startedAt,
        cells: [
          id,
          incident.status,
          incident.impact,
          formatShort(incident.startedAt, tz),
          incident.title,
        ],
      });
    } else if (all) {
      // Every update is dated in the future: the site does not show it yet.
      const first = Math.min(...entry.data.updates.map((u) => Date.parse(u.at)));
      rows.push({
        started: first,
        cells: [id, 'not yet shown', entry.data.impact, formatShort(first, tz), entry.data.title],
      });
    }
  }
  if (rows.length === 0) run.out(all ? 'No incidents.' : 'No unresolved incidents.');
  else {
    rows.sort((a, b) => b.started - a.started || a.cells[0]!.localeCompare(b.cells[0]!));
    printTable(
      run,
      ['ID', 'STATUS', 'IMPACT', `STARTED (${tz})`, 'TITLE'],
      rows.map((r) => r.cells),
    );
  }
  const broken = indexed.filter((i) => i.problems);
  for (const b of broken) {
    run.warn(`${b.file} cannot be read:\n${b.problems!.map(formatProblem).join('\n')}`);
  }
  return broken.length;
}

function printTable(run: EditorRun, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  run.out(line(head));
  for (const row of rows) run.out(line(row));
}
