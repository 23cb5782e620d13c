/** Which incidents get an image of their own: unresolved ones and the 200 most recent. */
import { expect, test } from 'vitest';
import { hasOwnImage, OWN_IMAGE_RECENT } from '../../src/lib/images/own-image.ts';

test('the most recent incidents and every unresolved one have their own image; older ones share the home image', () => {
  // Newest first, as the site model orders them; one old incident is still unresolved.
  const incidents = Array.from({ length: 500 }, (_, i) => ({
    id: `i${i}`,
    resolvedAt: i === 450 ? null : 1,
  }));
  const own = incidents.filter((i) => hasOwnImage(incidents, i.id)).map((i) => i.id);
  expect(OWN_IMAGE_RECENT).toBe(200);
  expect(own).toEqual([...incidents.slice(0, 200).map((i) => i.id), 'i450']);
  expect(hasOwnImage(incidents, 'missing')).toBe(false);
});
