/**
 * The merge rules of the push path, field by field, on texts: incident and maintenance files
 * (three-way with their base, through the document module, checked by the build's parser), the
 * probe state, and the history's line files. The same rules with real git: test/git/.
 */
import { describe, expect, test } from 'vitest';
import { renderIncident, type IncidentInput } from '../../src/lib/content/incident-document.ts';
import { mergeIncidentTexts } from '../../src/lib/content/incident-merge.ts';
import { renderMaintenance } from '../../src/lib/content/maintenance-document.ts';
import { mergeMaintenanceTexts } from '../../src/lib/content/maintenance-merge.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { mergeRollupLines, unionLines } from '../../src/lib/history/lines-merge.ts';
import { mergeStates } from '../../src/lib/history/state-merge.ts';
import type { ProbeState } from '../../src/lib/history/state.ts';
import { ContentError } from '../../src/lib/validation/friendly-errors.ts';

const FILE = 'content/incidents/x.md';
const COMPONENTS = new Set(['api', 'web', 'db']);

const base: IncidentInput = {
  title: 'API errors',
  impact: 'minor',
  components: { api: 'partial_outage' },
  started_at: '2026-11-21T09:00:00Z',
  updates: [
    { at: '2026-11-21T09:00:00Z', status: 'investigating', text: 'Looking.' },
    { at: '2026-11-21T09:05:00Z', status: 'investigating', github: 'comment/1', text: 'Also here.' },
  ],
};

/** Merges three incidents; returns the merged front matter as the build reads it, and notes. */
function merge(b: IncidentInput | undefined, upstream: IncidentInput, local: IncidentInput) {
  const { text, notes } = mergeIncidentTexts(
    { base: b && renderIncident(b), upstream: renderIncident(upstream), local: renderIncident(local) },
    FILE,
    COMPONENTS,
  );
  const parsed = parseIncidentFile(text, FILE, COMPONENTS);
  if (!parsed.ok) throw new Error('merged file does not parse');
  return { data: parsed.data.data, body: parsed.data.body, notes, text };
}

describe('incident fields', () => {
  test('a field changed on one side takes that side; changed on both, its rule', () => {
    const { data, notes } = merge(
      base,
      { ...base, title: 'Payments API errors', components: { api: 'degraded_performance', web: 'partial_outage' }, started_at: '2026-11-21T08:50:00Z' },
      { ...base, title: 'API down', impact: 'major', components: { api: 'major_outage' }, started_at: '2026-11-21T08:55:00Z' },
    );
    expect(data.title).toBe('Payments API errors'); // both changed: upstream's words
    expect(data.impact).toBe('major'); // changed on one side only
    expect(data.components).toEqual({ api: 'major_outage', web: 'partial_outage' }); // the worse
    expect(data.started_at).toBe('2026-11-21T08:50:00Z'); // the earlier
    expect(notes).toEqual([
      expect.stringMatching(/^title: changed on both sides; upstream's kept/),
      expect.stringMatching(/^components: changed on both sides; a component is as bad/),
      expect.stringMatching(/^started_at: changed on both sides; the problem began/),
    ]);
  });

  test('a field one side removed and the other left alone is removed', () => {
    const withoutStart = { ...base };
    delete withoutStart.started_at;
    const { data } = merge(base, { ...base, title: 'New title' }, withoutStart);
    expect(data).not.toHaveProperty('started_at');
    expect(data.title).toBe('New title');
  });

  test('the body: one side’s change is taken; both changed, upstream’s', () => {
    const render = (body: string) => (i: IncidentInput) => renderIncident(i, body);
    const three = (b: string, u: string, l: string) =>
      mergeIncidentTexts(
        { base: render(b)(base), upstream: render(u)(base), local: render(l)(base) },
        FILE,
        COMPONENTS,
      ).text;
    expect(three('Old.', 'Old.', 'Postmortem.')).toContain('\nPostmortem.\n');
    expect(three('Old.', 'Theirs.', 'Ours.')).toContain('\nTheirs.\n');
    expect(three('Old.', 'Theirs.', 'Ours.')).not.toContain('Ours.');
  });
});

describe('incident updates', () => {
  const update = (hhmm: string, text: string, extra: object = {}) => ({
    at: `2026-11-21T${hhmm}:00Z`,
    status: 'identified' as const,
    text,
    ...extra,
  });

  test('both sides’ new updates are kept, in time order', () => {
    const { data } = merge(
      base,
      { ...base, updates: [...base.updates, update('09:20', 'Upstream.')] },
      { ...base, updates: [...base.updates, update('09:10', 'Local.'), update('09:30', 'Later.')] },
    );
    expect(data.updates.map((u) => u.text)).toEqual(['Looking.', 'Also here.', 'Local.', 'Upstream.', 'Later.']);
  });

  test('removed on one side and left alone on the other: removed; changed on the other: kept', () => {
    const [first, second] = base.updates as [IncidentInput['updates'][0], IncidentInput['updates'][0]];
    const gone = merge(base, base, { ...base, updates: [second] });
    expect(gone.data.updates.map((u) => u.text)).toEqual(['Also here.']);
    expect(gone.notes).toContain(`update at:${Date.parse(first.at)}: removed on one side`);
    const kept = merge(base, { ...base, updates: [{ ...first, text: 'Looking, with a fix.' }, second] }, { ...base, updates: [second] });
    expect(kept.data.updates.map((u) => u.text)).toEqual(['Looking, with a fix.', 'Also here.']);
  });

  test('one update changed on both sides is merged field by field', () => {
    const synced = (text: string, components: Record<string, 'partial_outage' | 'major_outage' | 'degraded_performance'>) => ({
      ...base,
      updates: [base.updates[0]!, { ...base.updates[1]!, text, components }],
    });
    const { data, notes } = merge(
      base,
      synced('Edited on GitHub.', { api: 'degraded_performance' }),
      synced('Edited here.', { api: 'major_outage', db: 'partial_outage' }),
    );
    expect(data.updates[1]).toMatchObject({
      github: 'comment/1',
      text: 'Edited on GitHub.',
      components: { api: 'major_outage', db: 'partial_outage' },
    });
    expect(notes).toContain('update github:comment/1: changed on both sides; merged field by field');
  });

  test('both sides created the same file: one incident with both timelines', () => {
    const opened = (hhmm: string, text: string): IncidentInput => ({ ...base, updates: [update(hhmm, text)] });
    const { data } = merge(undefined, opened('09:01', 'From A.'), opened('09:00', 'From B.'));
    expect(data.updates.map((u) => u.text)).toEqual(['From B.', 'From A.']);
  });

  test('a merge the build would reject is refused with the file and field named', () => {
    const maintenance = (start: string, end: string) =>
      renderMaintenance({ title: 'Upgrade', start, end, components: ['db'], body: 'Upgrading.' });
    const error = (() => {
      try {
        mergeMaintenanceTexts(
          {
            base: maintenance('2026-12-01T22:00:00Z', '2026-12-01T23:00:00Z'),
            upstream: maintenance('2026-12-01T22:00:00Z', '2026-12-01T22:30:00Z'),
            local: maintenance('2026-12-01T22:45:00Z', '2026-12-01T23:00:00Z'),
          },
          'content/maintenance/m.md',
          COMPONENTS,
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(/\n  content\/maintenance\/m\.md:\d+:\d+ end: the end must be after the start/);
  });
});

describe('the probe state and the history lines', () => {
  const entry = (confirmed: 'operational' | 'major_outage', count = 0) => ({
    confirmed,
    since: '2026-11-21T09:00:00.000Z',
    count,
  });
  const state = (components: ProbeState['components']): ProbeState => ({ version: 1, components });

  test('the state merges component by component; both changed, the run being pushed', () => {
    const merged = mergeStates({
      base: state({ api: entry('operational'), web: entry('operational') }),
      upstream: state({ api: entry('major_outage'), web: entry('operational', 1), db: entry('operational') }),
      local: state({ api: entry('operational'), web: entry('operational', 2) }),
    });
    expect(merged).toEqual(
      state({ api: entry('major_outage'), web: entry('operational', 2), db: entry('operational') }),
    );
  });

  test('line files: upstream’s lines, then the local side’s new ones, none twice', () => {
    expect(unionLines({ base: 'a\n', upstream: 'a\nb\n', local: 'a\nc\nb\n' })).toBe('a\nb\nc\n');
    expect(unionLines({ base: undefined, upstream: 'x\n', local: 'x\r\ny\r\n' })).toBe('x\ny\n');
  });

  test('rollups: one line per day and component; both wrote one, the fuller day wins', () => {
    const line = (date: string, c: string, observed: number) => `${date}\t${c}\t${observed}\t0\t0\t0\t100\n`;
    expect(
      mergeRollupLines({
        base: line('2026-11-19', 'api', 1440),
        upstream: line('2026-11-19', 'api', 1440) + line('2026-11-20', 'api', 600) + line('2026-11-20', 'web', 1440),
        local: line('2026-11-19', 'api', 1440) + line('2026-11-20', 'api', 1440) + line('2026-11-20', 'web', 300),
      }),
    ).toBe(line('2026-11-19', 'api', 1440) + line('2026-11-20', 'api', 1440) + line('2026-11-20', 'web', 1440));
  });
});
