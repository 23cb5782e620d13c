import type { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { incidentSchema, type IncidentData } from '../../src/lib/content/incident-schema.ts';
import type { Entry } from '../../src/lib/content/parse-entry.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import {
  buildIncident,
  incidentDuration,
  isActive,
  uniqueIds,
  type Incident,
} from '../../src/lib/model/incident.ts';
import { updateId } from '../../src/lib/model/ids.ts';
import type { IncidentStatus } from '../../src/lib/status.ts';

const MINUTE = 60_000;

type IncidentInput = z.input<typeof incidentSchema>;

/**
 * The ordering API goes down at 15:30Z (started_at), is reported at 15:40, gets better at 16:10
 * (when the database turns slow too), is watched from 16:40 and resolved at 17:00 (19:00 in
 * Rome). The file lists the updates out of order.
 */
const OUTAGE_INPUT = {
  title: 'Ordering API outage',
  impact: 'major',
  components: { api: 'major_outage', web: 'degraded_performance' },
  started_at: '2026-10-04T15:30:00Z',
  updates: [
    {
      at: '2026-10-04T16:40:00Z',
      status: 'monitoring',
      text: 'A fix is out; we are **watching**.',
    },
    { at: '2026-10-04T15:40:00Z', status: 'investigating', text: 'Orders fail.' },
    {
      at: '2026-10-04T16:10:00+00:00',
      status: 'identified',
      text: 'Half the servers are back.',
      components: { api: 'partial_outage', db: 'degraded_performance' },
    },
    { at: '2026-10-04T19:00:00+02:00', status: 'resolved', text: 'All good.' },
  ],
} satisfies IncidentInput;
const OUTAGE = entry(OUTAGE_INPUT);

describe('buildIncident', () => {
  test.each<[string, IncidentStatus, string[], string | null, string | null]>([
    ['2026-10-04T15:45:00Z', 'investigating', ['15:40'], null, null],
    ['2026-10-04T16:10:00Z', 'identified', ['16:10', '15:40'], null, null],
    ['2026-10-04T16:39:59Z', 'identified', ['16:10', '15:40'], null, null],
    ['2026-10-04T16:40:00Z', 'monitoring', ['16:40', '16:10', '15:40'], '16:40', null],
    ['2026-10-04T17:00:00Z', 'resolved', ['17:00', '16:40', '16:10', '15:40'], '16:40', '17:00'],
    ['2026-10-05T09:00:00Z', 'resolved', ['17:00', '16:40', '16:10', '15:40'], '16:40', '17:00'],
  ])(
    'at %s: %s, updates %j, monitoring %s, resolved %s',
    (now, status, shown, monitoring, resolved) => {
      const incident = build(OUTAGE, now);
      expect(incident.status).toBe(status);
      expect(incident.updates.map((u) => hhmm(u.at))).toEqual(shown);
      expect(incident.monitoringAt === null ? null : hhmm(incident.monitoringAt)).toBe(monitoring);
      expect(incident.resolvedAt === null ? null : hhmm(incident.resolvedAt)).toBe(resolved);
      expect(isActive(incident)).toBe(resolved === null);
      expect(hhmm(incident.updatedAt)).toBe(shown[0]);
      expect(hhmm(incident.createdAt)).toBe('15:40');
      expect(hhmm(incident.startedAt)).toBe('15:30');
    },
  );

  test('before its first update an incident does not exist', () => {
    expect(buildIncident('outage', OUTAGE, ctx('2026-10-04T15:39:59Z'))).toBeUndefined();
  });

  test('an incident whose only updates are in the future is undefined', () => {
    const planned = entry({
      title: 'Written ahead',
      impact: 'minor',
      components: { api: 'degraded_performance' },
      updates: [
        { at: '2026-12-01T10:00:00Z', status: 'investigating' },
        { at: '2026-12-01T11:00:00Z', status: 'resolved' },
      ],
    });
    expect(buildIncident('ahead', planned, ctx('2026-11-30T10:00:00Z'))).toBeUndefined();
  });

  test('per-component segments follow update-level changes and end at resolution', () => {
    const incident = build(OUTAGE, '2026-10-05T09:00:00Z');
    expect(segments(incident)).toEqual({
      api: [
        ['15:30', '16:10', 'major_outage'],
        ['16:10', '17:00', 'partial_outage'],
      ],
      web: [['15:30', '17:00', 'degraded_performance']],
      db: [['16:10', '17:00', 'degraded_performance']],
    });
    expect(incident.components).toEqual([
      { id: 'api', status: 'partial_outage' },
      { id: 'web', status: 'degraded_performance' },
      { id: 'db', status: 'degraded_performance' },
    ]);
  });

  test('while unresolved, segments run until now', () => {
    const incident = build(OUTAGE, '2026-10-04T16:20:00Z');
    expect(segments(incident)).toEqual({
      api: [
        ['15:30', '16:10', 'major_outage'],
        ['16:10', '16:20', 'partial_outage'],
      ],
      web: [['15:30', '16:20', 'degraded_performance']],
      db: [['16:10', '16:20', 'degraded_performance']],
    });
  });

  test('updates carry the component changes they made; resolving sets every component back', () => {
    const incident = build(OUTAGE, '2026-10-05T09:00:00Z');
    const byTime = Object.fromEntries(incident.updates.map((u) => [hhmm(u.at), u.changes]));
    expect(byTime).toEqual({
      '15:40': [],
      '16:10': [
        { id: 'api', oldStatus: 'major_outage', newStatus: 'partial_outage' },
        { id: 'db', oldStatus: 'operational', newStatus: 'degraded_performance' },
      ],
      '16:40': [],
      '17:00': [
        { id: 'api', oldStatus: 'partial_outage', newStatus: 'operational' },
        { id: 'web', oldStatus: 'degraded_performance', newStatus: 'operational' },
        { id: 'db', oldStatus: 'degraded_performance', newStatus: 'operational' },
      ],
    });
  });

  test('update ids are the incident id and the UTC minute, newest first', () => {
    const incident = build(OUTAGE, '2026-10-05T09:00:00Z');
    expect(incident.updates.map((u) => u.id)).toEqual([
      'outage-20261004t1700',
      'outage-20261004t1640',
      'outage-20261004t1610',
      'outage-20261004t1540',
    ]);
    // The same update has the same id before later updates exist.
    expect(build(OUTAGE, '2026-10-04T16:15:00Z').updates.map((u) => u.id)).toEqual([
      'outage-20261004t1610',
      'outage-20261004t1540',
    ]);
  });

  test('two updates in one minute get -2, in file order', () => {
    const incident = build(
      entry({
        title: 'Quick fix',
        impact: 'minor',
        updates: [
          { at: '2026-10-04T08:00:10Z', status: 'investigating', text: 'first' },
          { at: '2026-10-04T08:00:10Z', status: 'identified', text: 'second' },
          { at: '2026-10-04T08:00:50Z', status: 'resolved', text: 'third' },
        ],
      }),
      '2026-10-04T09:00:00Z',
    );
    expect(incident.updates.map((u) => [u.id, u.markdown])).toEqual([
      ['outage-20261004t0800-3', 'third'],
      ['outage-20261004t0800-2', 'second'],
      ['outage-20261004t0800', 'first'],
    ]);
    expect(incident.status).toBe('resolved');
  });

  test('the text is kept as Markdown and rendered to sanitized HTML', () => {
    const incident = build(OUTAGE, '2026-10-04T16:45:00Z');
    expect(incident.updates[0]?.markdown).toBe('A fix is out; we are **watching**.');
    expect(incident.updates[0]?.html).toBe(
      '<p>A fix is out; we are <strong>watching</strong>.</p>',
    );
  });

  test('monitoringAt is the first monitoring update', () => {
    const incident = build(
      entry({
        title: 'Relapse',
        impact: 'minor',
        updates: [
          { at: '2026-10-04T10:00:00Z', status: 'investigating' },
          { at: '2026-10-04T10:30:00Z', status: 'monitoring' },
          { at: '2026-10-04T11:00:00Z', status: 'identified' },
          { at: '2026-10-04T11:30:00Z', status: 'monitoring' },
        ],
      }),
      '2026-10-04T12:00:00Z',
    );
    expect(incident.status).toBe('monitoring');
    expect(hhmm(incident.monitoringAt ?? 0)).toBe('10:30');
  });

  test('a resolved incident reopened by a later update sets statuses again', () => {
    const reopened = entry({
      ...OUTAGE_INPUT,
      updates: [
        ...OUTAGE_INPUT.updates,
        { at: '2026-10-04T18:00:00Z', status: 'investigating', text: 'It is back.' },
        { at: '2026-10-04T18:30:00Z', status: 'identified', components: { web: 'major_outage' } },
        { at: '2026-10-04T19:00:00Z', status: 'resolved' },
      ],
    });

    const during = build(reopened, '2026-10-04T18:45:00Z');
    expect(during.status).toBe('identified');
    expect(during.resolvedAt).toBeNull();
    expect(isActive(during)).toBe(true);
    expect(segments(during)['web']).toEqual([
      ['15:30', '17:00', 'degraded_performance'],
      ['18:00', '18:30', 'degraded_performance'],
      ['18:30', '18:45', 'major_outage'],
    ]);
    expect(segments(during)['api']).toEqual([
      ['15:30', '16:10', 'major_outage'],
      ['16:10', '17:00', 'partial_outage'],
      ['18:00', '18:45', 'partial_outage'],
    ]);
    expect(incidentDuration(during, Date.parse('2026-10-04T18:45:00Z'))).toBe(195 * MINUTE);

    const after = build(reopened, '2026-10-05T00:00:00Z');
    expect(after.status).toBe('resolved');
    expect(hhmm(after.resolvedAt ?? 0)).toBe('19:00');
    expect(segments(after)['web']?.at(-1)).toEqual(['18:30', '19:00', 'major_outage']);
  });

  test('component changes posted while resolved apply when the incident reopens', () => {
    const incident = build(
      entry({
        title: 'Postmortem edit',
        impact: 'minor',
        components: { api: 'degraded_performance' },
        updates: [
          { at: '2026-10-04T10:00:00Z', status: 'investigating' },
          { at: '2026-10-04T11:00:00Z', status: 'resolved' },
          { at: '2026-10-04T12:00:00Z', status: 'postmortem', components: { api: 'major_outage' } },
          { at: '2026-10-04T13:00:00Z', status: 'investigating' },
        ],
      }),
      '2026-10-04T14:00:00Z',
    );
    expect(segments(incident)['api']).toEqual([
      ['10:00', '11:00', 'degraded_performance'],
      ['13:00', '14:00', 'major_outage'],
    ]);
  });

  test.each<[string, string | undefined, string]>([
    ['started_at before the first update', '2026-10-04T15:00:00Z', '15:00'],
    ['no started_at: the first update', undefined, '15:40'],
    ['started_at after the first update is ignored', '2026-10-04T16:00:00Z', '15:40'],
  ])('startedAt: %s', (_, startedAt, expected) => {
    const incident = build(
      entry({
        title: 'Start',
        impact: 'minor',
        ...(startedAt ? { started_at: startedAt } : {}),
        updates: [{ at: '2026-10-04T15:40:00Z', status: 'investigating' }],
      }),
      '2026-10-04T18:00:00Z',
    );
    expect(hhmm(incident.startedAt)).toBe(expected);
  });

  test.each<[string, number]>([
    ['2026-10-04T16:00:00Z', 30 * MINUTE],
    ['2026-10-04T17:00:00Z', 90 * MINUTE],
    ['2026-10-09T00:00:00Z', 90 * MINUTE],
  ])('incidentDuration at %s', (now, expected) => {
    expect(incidentDuration(build(OUTAGE, now), Date.parse(now))).toBe(expected);
  });

  test('defaults from the schema: editor source, no GitHub issue, empty postmortem', () => {
    const incident = build(OUTAGE, '2026-10-05T00:00:00Z');
    expect([incident.source, incident.githubIssue, incident.postmortemHtml]).toEqual([
      'editor',
      null,
      '',
    ]);
    const withBody = buildIncident(
      'x',
      { ...OUTAGE, body: '## What happened\n\nA lock.' },
      ctx('2026-10-05T00:00:00Z'),
    );
    expect(withBody?.postmortemHtml).toBe('<h3>What happened</h3>\n<p>A lock.</p>');
  });
});

describe('ids', () => {
  test.each<[string, string, string]>([
    ['meta-outage', '2026-10-04T15:40:00Z', 'meta-outage-20261004t1540'],
    ['meta-outage', '2026-10-04T17:40:00+02:00', 'meta-outage-20261004t1540'],
    ['a', '2026-01-01T00:00:59Z', 'a-20260101t0000'],
  ])('updateId(%s, %s) = %s', (id, at, expected) => {
    expect(updateId(id, Date.parse(at))).toBe(expected);
  });

  test('uniqueIds numbers repeats from 2 and leaves others alone', () => {
    expect(
      uniqueIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'a' }]).map((x) => x.id),
    ).toEqual(['a', 'b', 'a-2', 'a-3']);
  });
});

/** An incident file's front matter, through the real schema. */
function entry(data: IncidentInput, body = ''): Entry<IncidentData> {
  return { data: incidentSchema.parse(data), body };
}

function ctx(now: string): { now: number; render: (markdown: string) => string } {
  return { now: Date.parse(now), render: renderMarkdown };
}

function build(e: Entry<IncidentData>, now: string): Incident {
  const incident = buildIncident('outage', e, ctx(now));
  if (!incident) throw new Error(`no incident at ${now}`);
  return incident;
}

/** `HH:MM` in UTC. */
function hhmm(at: number): string {
  return new Date(at).toISOString().slice(11, 16);
}

/** Segments per component as `[start, end, status]` in UTC `HH:MM`. */
function segments(incident: Incident): Record<string, [string, string, string][]> {
  return Object.fromEntries(
    [...incident.segments].map(([id, list]) => [
      id,
      list.map((s) => [hhmm(s.start), hhmm(s.end), s.status]),
    ]),
  );
}
