/**
 * One decision of confirmed status: when the prober's record (`history/state.json`) and the latest
 * samples disagree, the built page and the API follow the record, and the samples still draw the
 * uptime bars.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseState, formatState } from '../../src/lib/history/state.ts';
import { readPage } from '../support/dist.ts';
import { buildExampleSite, removeSite, type BuiltSite } from '../support/example-site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildExampleSite({ adjust: disagree });
});
afterAll(() => removeSite(site));

/**
 * The example, changed so that record and samples disagree on two components: the record says
 * the website is down (its samples say up) and Facebook is up (its last three samples say down).
 */
function disagree(content: string): void {
  const samplesFile = join(content, 'history', '2026-11-21.tsv');
  const lines = readFileSync(samplesFile, 'utf8').trimEnd().split('\n');
  const column = lines[0]!.split('\t').indexOf('facebook');
  for (let i = lines.length - 3; i < lines.length; i++) {
    const cells = lines[i]!.split('\t');
    cells[column] = 'down - expected 200, got 503';
    lines[i] = cells.join('\t');
  }
  writeFileSync(samplesFile, `${lines.join('\n')}\n`);

  const stateFile = join(content, 'history', 'state.json');
  const { state, problem } = parseState(readFileSync(stateFile, 'utf8'));
  if (problem) throw new Error(`the example's state.json is ${problem}`);
  state.components['website'] = {
    confirmed: 'major_outage',
    since: '2026-11-21T08:30:00.000Z',
    count: 0,
  };
  writeFileSync(stateFile, formatState(state));
}

describe('record and samples disagree', () => {
  test('the home page shows the recorded decision', () => {
    const home = readPage(site.dist, '/');
    const status = (id: string) =>
      new RegExp(`<a href="/components/${id}/">[^<]+</a><span class="st ([a-z_]+)">`).exec(
        home,
      )?.[1];
    expect([status('website'), status('facebook')]).toEqual(['major_outage', 'operational']);
  });

  test('components.json gives the recorded decision', () => {
    const { components } = JSON.parse(
      readFileSync(join(site.dist, 'api/v2/components.json'), 'utf8'),
    ) as { components: { id: string; status: string }[] };
    const status = (id: string) => components.find((c) => c.id === id)?.status;
    expect([status('website'), status('facebook')]).toEqual(['major_outage', 'operational']);
  });

  test('the samples still draw the uptime bar: Facebook’s last quarter hour is down today', () => {
    const page = readPage(site.dist, '/components/facebook/');
    expect(page).toContain('<span class="st operational">Operational</span>');
    // Today is a major-outage day, from the samples: in the day-by-day table and in the bar's
    // picture (the last of 90 cells, drawn as a major outage: class "x", from x = 89).
    expect(page).toMatch(/<tr id="d2026-11-21">(?:(?!<\/tr>).)*<td>Major outage<\/td>/);
    const path = /<path class="x" d="([^"]+)"/.exec(page)?.[1] ?? '';
    // Cells start at `M<x> …` and each next one `m<dx> 0…` from the one before.
    const cells = [...path.matchAll(/[Mm](\d+) /g)].reduce<number[]>(
      (xs, m) => [...xs, (xs.at(-1) ?? 0) + Number(m[1])],
      [],
    );
    expect(cells).toContain(89);
  });
});
