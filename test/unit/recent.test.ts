/** Which incidents are recent (an image, a share box and share texts of their own). */
import { expect, test } from 'vitest';
import { isRecent, RECENT_INCIDENTS } from '../../src/lib/model/recent.ts';

test('the most recent incidents and every unresolved one are recent; older ones are not', () => {
  // Newest first, as the site model orders them; one old incident is still unresolved.
  const incidents = Array.from({ length: 500 }, (_, i) => ({
    id: `i${i}`,
    resolvedAt: i === 450 ? null : 1,
  }));
  const recent = incidents.filter((i) => isRecent(incidents, i.id)).map((i) => i.id);
  expect(RECENT_INCIDENTS).toBe(200);
  expect(recent).toEqual([...incidents.slice(0, 200).map((i) => i.id), 'i450']);
  expect(isRecent(incidents, 'missing')).toBe(false);
});
