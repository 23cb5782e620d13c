import type { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import {
  maintenanceSchema,
  type MaintenanceData,
} from '../../src/lib/content/maintenance-schema.ts';
import type { Entry } from '../../src/lib/content/parse-entry.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import {
  buildMaintenance,
  isMaintenanceActive,
  type Maintenance,
} from '../../src/lib/model/maintenance.ts';
import type { MaintenanceStatus } from '../../src/lib/status.ts';

type MaintenanceInput = z.input<typeof maintenanceSchema>;

/** A window from 01:00Z to 03:00Z on 25 October 2026 (the night Rome falls back). */
const WINDOW = {
  title: 'Website moves to a new host',
  start: '2026-10-25T01:00:00Z',
  end: '2026-10-25T03:00:00Z',
  components: ['website'],
} satisfies MaintenanceInput;

describe('buildMaintenance', () => {
  test.each<[string, string, MaintenanceStatus, boolean]>([
    ['a day before', '2026-10-24T01:00:00Z', 'scheduled', false],
    ['a minute before the start', '2026-10-25T00:59:00Z', 'scheduled', false],
    ['at the start', '2026-10-25T01:00:00Z', 'in_progress', true],
    ['in the middle', '2026-10-25T02:00:00Z', 'in_progress', true],
    ['a second before the end', '2026-10-25T02:59:59Z', 'in_progress', true],
    ['at the end', '2026-10-25T03:00:00Z', 'completed', false],
    ['a week later', '2026-11-01T03:00:00Z', 'completed', false],
  ])('by the clock, %s: %s', (_, now, status, active) => {
    const m = build(WINDOW, now);
    expect(m.status).toBe(status);
    expect(isMaintenanceActive(m)).toBe(active);
    expect(iso(m.endsAt)).toBe('2026-10-25T03:00:00.000Z');
  });

  test.each<[string, string, MaintenanceStatus, boolean]>([
    ['before the start', '2026-10-25T00:00:00Z', 'scheduled', false],
    ['inside the window', '2026-10-25T02:00:00Z', 'verifying', true],
    ['after the end', '2026-10-25T03:30:00Z', 'completed', false],
  ])('an editor’s verifying, %s: %s', (_, now, status, active) => {
    const m = build({ ...WINDOW, status: 'verifying' }, now);
    expect(m.status).toBe(status);
    expect(isMaintenanceActive(m)).toBe(active);
  });

  const endedEarly = {
    ...WINDOW,
    status: 'completed',
    updates: [
      { at: '2026-10-25T01:00:00Z', status: 'in_progress', text: 'Started.' },
      { at: '2026-10-25T01:50:00Z', status: 'completed', text: 'Moved, checking.' },
      { at: '2026-10-25T02:10:00Z', status: 'completed', text: 'All done.' },
    ],
  } satisfies MaintenanceInput;

  test.each<[string, string, MaintenanceStatus, string]>([
    ['before the start', '2026-10-25T00:30:00Z', 'completed', '2026-10-25T03:00:00.000Z'],
    [
      'before any completed update is published',
      '2026-10-25T01:30:00Z',
      'in_progress',
      '2026-10-25T03:00:00.000Z',
    ],
    [
      'after the first completed update',
      '2026-10-25T02:00:00Z',
      'completed',
      '2026-10-25T01:50:00.000Z',
    ],
    [
      'after the latest completed update',
      '2026-10-25T02:20:00Z',
      'completed',
      '2026-10-25T02:10:00.000Z',
    ],
    ['after the planned end', '2026-10-26T00:00:00Z', 'completed', '2026-10-25T02:10:00.000Z'],
  ])(
    'an editor’s completed ends it early at the latest completed update, %s',
    (_, now, status, endsAt) => {
      const m = build(endedEarly, now);
      expect(m.status).toBe(status);
      expect(iso(m.endsAt)).toBe(endsAt);
      expect(iso(m.scheduledUntil)).toBe('2026-10-25T03:00:00.000Z');
    },
  );

  test.each<[string, string, string]>([
    [
      'a completed update after the planned end does not extend it',
      '2026-10-25T04:00:00Z',
      '2026-10-25T03:00:00.000Z',
    ],
    [
      'a completed update before the start cancels it',
      '2026-10-24T12:00:00Z',
      '2026-10-25T01:00:00.000Z',
    ],
  ])('%s', (_, completedAt, endsAt) => {
    const m = build(
      { ...WINDOW, status: 'completed', updates: [{ at: completedAt, status: 'completed' }] },
      '2026-10-26T00:00:00Z',
    );
    expect(m.status).toBe('completed');
    expect(iso(m.endsAt)).toBe(endsAt);
  });

  test('published updates only, newest first, with stable ids', () => {
    const m = build(endedEarly, '2026-10-25T02:00:00Z');
    expect(m.updates.map((u) => [u.id, u.status, u.markdown])).toEqual([
      ['move-20261025t0150', 'completed', 'Moved, checking.'],
      ['move-20261025t0100', 'in_progress', 'Started.'],
    ]);
    expect(m.updates[0]?.html).toBe('<p>Moved, checking.</p>');
    expect(iso(m.createdAt)).toBe('2026-10-25T01:00:00.000Z');
    expect(iso(m.updatedAt)).toBe('2026-10-25T01:50:00.000Z');
  });

  test('without updates, createdAt and updatedAt are the start', () => {
    const m = build(WINDOW, '2026-10-20T00:00:00Z');
    expect(m.updates).toEqual([]);
    expect([iso(m.createdAt), iso(m.updatedAt)]).toEqual([
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
    ]);
    expect(m.components).toEqual(['website']);
    expect(m.html).toBe('<p>The website moves.</p>');
    expect(m.markdown).toBe('The website moves.');
  });

  test('the schema rejects an end before the start', () => {
    expect(maintenanceSchema.safeParse({ ...WINDOW, end: WINDOW.start }).success).toBe(false);
  });
});

function entry(data: MaintenanceInput): Entry<MaintenanceData> {
  return { data: maintenanceSchema.parse(data), body: 'The website moves.' };
}

function build(data: MaintenanceInput, now: string): Maintenance {
  return buildMaintenance('move', entry(data), { now: Date.parse(now), render: renderMarkdown });
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

describe('an editor’s completed with no completed update', () => {
  test('is completed at once; the planned window still counts as maintenance', () => {
    const m = buildMaintenance(
      'db',
      {
        data: {
          title: 'Database upgrade',
          start: '2026-10-25T01:00:00Z',
          end: '2026-10-25T03:00:00Z',
          components: ['api'],
          status: 'completed',
          updates: [],
        },
        body: '',
      },
      { now: Date.parse('2026-10-25T01:30:00Z'), render: (s) => s },
    );
    expect(m.status).toBe('completed');
    expect(new Date(m.endsAt).toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });
});

describe('the clock’s own events', () => {
  const entry = (
    extra: Partial<z.input<typeof maintenanceSchema>> = {},
  ): Entry<MaintenanceData> => ({
    data: maintenanceSchema.parse({
      title: 'Upgrade',
      start: '2026-10-25T01:00:00Z',
      end: '2026-10-25T03:00:00Z',
      components: ['api'],
      ...extra,
    }),
    body: '',
  });
  const events = (now: string, extra = {}) =>
    buildMaintenance('up', entry(extra), {
      now: Date.parse(now),
      render: (s) => s,
    }).clockEvents.map((e) => `${e.id} ${e.status} ${new Date(e.at).toISOString()}`);

  test.each([
    ['before the window: none', '2026-10-25T00:00:00Z', []],
    ['inside: the start', '2026-10-25T02:00:00Z', ['started in_progress 2026-10-25T01:00:00.000Z']],
    [
      'after: the end, then the start (newest first)',
      '2026-10-25T04:00:00Z',
      ['ended completed 2026-10-25T03:00:00.000Z', 'started in_progress 2026-10-25T01:00:00.000Z'],
    ],
  ])('%s', (_, now, expected) => expect(events(now)).toEqual(expected));

  test('an editor’s own update with that status replaces the clock’s', () => {
    const updates = [{ at: '2026-10-25T01:02:00Z', status: 'in_progress', text: 'Started.' }];
    expect(events('2026-10-25T04:00:00Z', { updates })).toEqual([
      'ended completed 2026-10-25T03:00:00.000Z',
    ]);
  });
});
