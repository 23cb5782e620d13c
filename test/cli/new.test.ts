/** `incident new`: the file it writes, its id, and that it never overwrites one. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  NEW_FLAGS,
  NOW,
  incidentModel,
  incidentText,
  readIncidentEntry,
  runIncident,
  tinyContent,
} from './support.ts';

let dir: string;
beforeEach(() => {
  const content = tinyContent();
  dir = content.dir;
  return content.remove;
});

describe('new', () => {
  test('writes a file the build accepts, named after the local date and the title', async () => {
    const { code, stdout, stderr } = await runIncident(dir, NEW_FLAGS);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Created <content>/incidents/2026-11-21-checkout-errors.md
      Page: /incidents/2026-11-21-checkout-errors/ (https://status.tiny.example/incidents/2026-11-21-checkout-errors/ once the site is rebuilt)
      "
    `);
    expect(incidentText(dir, '2026-11-21-checkout-errors')).toMatchInlineSnapshot(`
      "---
      title: Checkout errors
      impact: major
      components:
        api: major_outage
        web: partial_outage
      updates:
        - at: 2026-11-21T10:00:00+01:00
          status: investigating
          text: Payments fail at checkout. We are looking into it.
      ---
      "
    `);
    const { data } = readIncidentEntry(dir, '2026-11-21-checkout-errors');
    expect(data.source).toBe('editor');
    const incident = incidentModel(dir, '2026-11-21-checkout-errors');
    expect(incident?.status).toBe('investigating');
    expect(incident?.resolvedAt).toBeNull();
    expect(incident?.components).toEqual([
      { id: 'api', status: 'major_outage' },
      { id: 'web', status: 'partial_outage' },
    ]);
  });

  test('takes --at (relative or ISO), --started and --id; short status words', async () => {
    const { code } = await runIncident(dir, [
      'new',
      '--title',
      'Database slow',
      '--impact=minor',
      '--component',
      'db=degraded',
      '--status',
      'identified',
      '--message',
      'Queries take seconds.',
      '--at',
      '-30m',
      '--started',
      '2026-11-21T08:15:00Z',
      '--id',
      'db-slow',
    ]);
    expect(code).toBe(0);
    const { data } = readIncidentEntry(dir, 'db-slow');
    expect(data.started_at).toBe('2026-11-21T08:15:00Z');
    expect(data.components).toEqual({ db: 'degraded_performance' });
    expect(data.updates).toEqual([
      { at: '2026-11-21T09:30:00+01:00', status: 'identified', text: 'Queries take seconds.' },
    ]);
  });

  test('the local date is the site zone’s: 00:30 in Rome is still 23:30 UTC the day before', async () => {
    const now = Date.parse('2026-11-20T23:30:00Z');
    expect((await runIncident(dir, NEW_FLAGS, { now })).code).toBe(0);
    expect(readdirSync(join(dir, 'incidents'))).toEqual(['2026-11-21-checkout-errors.md']);
    expect(readIncidentEntry(dir, '2026-11-21-checkout-errors').data.updates[0]!.at).toBe(
      '2026-11-21T00:30:00+01:00',
    );
  });

  test('a generated id that is taken gets -2, -3; an existing file is never touched', async () => {
    mkdirSync(join(dir, 'incidents'));
    const existing = join(dir, 'incidents', '2026-11-21-checkout-errors.md');
    writeFileSync(existing, 'not even valid');
    expect((await runIncident(dir, NEW_FLAGS)).code).toBe(0);
    expect((await runIncident(dir, NEW_FLAGS)).code).toBe(0);
    expect(readdirSync(join(dir, 'incidents')).sort()).toEqual([
      '2026-11-21-checkout-errors-2.md',
      '2026-11-21-checkout-errors-3.md',
      '2026-11-21-checkout-errors.md',
    ]);
    expect(incidentText(dir, '2026-11-21-checkout-errors')).toBe('not even valid');
  });

  test('an --id that is taken fails with exit 1 and writes nothing', async () => {
    await runIncident(dir, [...NEW_FLAGS, '--id', 'checkout']);
    const before = incidentText(dir, 'checkout');
    const { code, stderr } = await runIncident(dir, [
      ...NEW_FLAGS,
      '--id',
      'checkout',
      '--impact',
      'minor',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'incident: <content>/incidents/checkout.md already exists, and is never overwritten: choose another --id, or post to it with `update checkout`',
    );
    expect(incidentText(dir, 'checkout')).toBe(before);
  });

  test('titles become slugs without accents or punctuation; a title with no letters gets "incident"', async () => {
    const flags = (title: string): string[] => {
      const copy = [...NEW_FLAGS];
      copy[2] = title;
      return copy;
    };
    await runIncident(dir, flags('Paiements: ça coûte — “erreur” 503!'));
    await runIncident(dir, flags('🔥🔥'));
    expect(readdirSync(join(dir, 'incidents')).sort()).toEqual([
      '2026-11-21-incident.md',
      '2026-11-21-paiements-ca-coute-erreur-503.md',
    ]);
    expect(readIncidentEntry(dir, '2026-11-21-incident').data.title).toBe('🔥🔥');
  });

  test('a first update dated in the future is written, with a note that it shows from then on', async () => {
    const { code, stderr } = await runIncident(dir, [...NEW_FLAGS, '--at', '+2h']);
    expect(code).toBe(0);
    expect(stderr).toContain('the incident shows from then on');
    expect(incidentModel(dir, '2026-11-21-checkout-errors')).toBeUndefined();
    expect(incidentModel(dir, '2026-11-21-checkout-errors', NOW + 3 * 3_600_000)?.status).toBe(
      'investigating',
    );
  });

  test('YAML-significant text round-trips (trimmed of surrounding white space)', async () => {
    const title = `"Quoted": #1 — 50% of {orders} fail [EU]`;
    const message = 'Line one: with a colon.\n\n- a list\n- `code` and **bold**\n';
    const flags = [...NEW_FLAGS];
    flags[2] = title;
    flags[flags.length - 1] = message;
    expect((await runIncident(dir, [...flags, '--id', 'tricky'])).code).toBe(0);
    const { data } = readIncidentEntry(dir, 'tricky');
    expect(data.title).toBe(title);
    expect(data.updates[0]!.text).toBe(message.trim());
    expect(existsSync(join(dir, 'incidents', 'tricky.md'))).toBe(true);
  });
});
