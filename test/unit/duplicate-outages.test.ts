/**
 * Which automatic incidents are one outage (`record/duplicate-outages.ts`): unresolved, a troubled
 * component in common, the earlier never resolved. With real git, two probers' pushes:
 * test/git/merge-rules.test.ts.
 */
import { expect, test } from 'vitest';
import { incidentSchema, type IncidentData } from '../../src/lib/content/incident-schema.ts';
import type { Entry } from '../../src/lib/content/parse-entry.ts';
import { duplicateOutages } from '../../src/lib/record/duplicate-outages.ts';
import { openProberIncidents } from '../../src/lib/record/reconcile.ts';

const COMPONENTS = new Set(['api', 'web', 'phone']);
const NOW = Date.parse('2026-11-21T12:00:00Z');

type Update = [hhmm: string, status: string];

function incident(components: Record<string, string>, updates: Update[]): Entry<IncidentData> {
  return {
    data: incidentSchema.parse({
      title: 'Down',
      impact: 'major',
      source: 'prober',
      components,
      updates: updates.map(([hhmm, status]) => ({
        at: `2026-11-21T${hhmm}:00Z`,
        status,
        text: status,
      })),
    }),
    body: '',
  };
}

function merges(entries: Record<string, Entry<IncidentData>>) {
  const incidents = new Map(Object.entries(entries));
  return duplicateOutages(
    incidents,
    openProberIncidents(incidents, { components: COMPONENTS, now: NOW }),
  );
}

test('the later of two open incidents about one component goes into the earlier', () => {
  expect(
    merges({
      'auto-api-0901': incident({ api: 'major_outage' }, [['09:01', 'investigating']]),
      'auto-api-0900': incident({ api: 'major_outage' }, [['09:00', 'investigating']]),
    }),
  ).toEqual([{ into: 'auto-api-0900', from: 'auto-api-0901' }]);
});

test('incidents about different components stay apart', () => {
  expect(
    merges({
      'auto-api': incident({ api: 'major_outage' }, [['09:00', 'investigating']]),
      'auto-web': incident({ web: 'partial_outage' }, [['09:01', 'investigating']]),
    }),
  ).toEqual([]);
});

test('a resolved incident, or one resolved once and reopened, is not an outage still under way', () => {
  expect(
    merges({
      'auto-api-0900': incident({ api: 'major_outage' }, [
        ['09:00', 'investigating'],
        ['09:30', 'resolved'],
      ]),
      'auto-api-1000': incident({ api: 'major_outage' }, [['10:00', 'investigating']]),
    }),
  ).toEqual([]);
  expect(
    merges({
      'auto-api-0900': incident({ api: 'major_outage' }, [
        ['09:00', 'investigating'],
        ['09:30', 'resolved'],
        ['09:40', 'identified'],
      ]),
      'auto-api-1000': incident({ api: 'major_outage' }, [['10:00', 'investigating']]),
    }),
  ).toEqual([]);
});

test('a component the merged one brought links a third; every later one goes into the first', () => {
  expect(
    merges({
      a: incident({ api: 'major_outage' }, [['09:00', 'investigating']]),
      b: incident({ api: 'major_outage', web: 'major_outage' }, [['09:01', 'investigating']]),
      c: incident({ web: 'partial_outage' }, [['09:02', 'investigating']]),
      d: incident({ phone: 'major_outage' }, [['09:03', 'investigating']]),
    }),
  ).toEqual([
    { into: 'a', from: 'b' },
    { into: 'a', from: 'c' },
  ]);
});
