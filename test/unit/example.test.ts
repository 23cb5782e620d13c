/** The bundled example's history is consistent: its state.json says what its samples lead to. */
import { expect, test } from 'vitest';
import { generateExample } from '../../src/lib/example/generate.ts';
import { recordedAndReplayed } from '../support/recorded-state.ts';

test('the example records the confirmed status its samples lead to', () => {
  const statuses = recordedAndReplayed(
    generateExample({ now: Date.parse('2026-11-21T09:00:00Z') }),
  );
  expect(statuses).toMatchObject({
    // A check-less component has no decision; the others have the one their samples lead to.
    phone: { recorded: undefined, replayed: undefined },
    instagram: { recorded: 'partial_outage', replayed: 'partial_outage' },
    website: { recorded: 'operational', replayed: 'operational' },
  });
  for (const [id, { recorded, replayed }] of Object.entries(statuses))
    expect(recorded, id).toBe(replayed);
});
