/** `incident update` and `incident resolve`: appended updates, kept text, and the model's view. */
import { mkdirSync, writeFileSync } from 'node:fs';
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

const ID = '2026-11-21-checkout-errors';
let dir: string;
beforeEach(async () => {
  const content = tinyContent();
  dir = content.dir;
  expect((await runIncident(dir, NEW_FLAGS, { now: NOW - 3_600_000 })).code).toBe(0);
  return content.remove;
});

/** A hand-written incident with comments, quoting and a postmortem body. */
const HAND_WRITTEN = `---
# Written by hand; the comments must survive.
title: 'Search is slow'   # short title
impact: minor
components: { api: degraded_performance }
updates:
  - at: 2026-11-21T08:00:00Z
    status: investigating
    text: >
      Searches take a long time.
---

Body text stays as it is.
`;

describe('update', () => {
  test('appends an update with a status change for a component', async () => {
    const { code, stdout, stderr } = await runIncident(dir, [
      'update',
      ID,
      '--status',
      'identified',
      '--message',
      'A bad deploy; rolling back.',
      '--component',
      'web=operational',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Updated <content>/incidents/${ID}.md`);
    expect(incidentText(dir, ID)).toMatchInlineSnapshot(`
      "---
      title: Checkout errors
      impact: major
      components:
        api: major_outage
        web: partial_outage
      updates:
        - at: 2026-11-21T09:00:00+01:00
          status: investigating
          text: Payments fail at checkout. We are looking into it.
        - at: 2026-11-21T10:00:00+01:00
          status: identified
          components:
            web: operational
          text: A bad deploy; rolling back.
      ---
      "
    `);
    const incident = incidentModel(dir, ID);
    expect(incident?.status).toBe('identified');
    expect(incident?.components).toEqual([
      { id: 'api', status: 'major_outage' },
      { id: 'web', status: 'operational' },
    ]);
  });

  test('keeps comments, quoting, flow maps and the body of a hand-written file', async () => {
    mkdirSync(join(dir, 'incidents'), { recursive: true });
    writeFileSync(join(dir, 'incidents', 'search.md'), HAND_WRITTEN);
    const { code } = await runIncident(dir, [
      'update',
      'search',
      '--status',
      'monitoring',
      '--message',
      'Faster now.',
    ]);
    expect(code).toBe(0);
    // Only the spaces before a trailing comment are normalised by the YAML printer.
    expect(incidentText(dir, 'search')).toBe(
      HAND_WRITTEN.replace("'Search is slow'   #", "'Search is slow' #").replace(
        '      Searches take a long time.\n',
        '      Searches take a long time.\n' +
          '  - at: 2026-11-21T10:00:00+01:00\n    status: monitoring\n    text: Faster now.\n',
      ),
    );
    expect(readIncidentEntry(dir, 'search').data.updates.map((u) => u.status)).toEqual([
      'investigating',
      'monitoring',
    ]);
  });

  test('an update on a resolved incident reopens it, with a note', async () => {
    await runIncident(dir, ['resolve', ID, '--at', '-10m']);
    const { code, stderr } = await runIncident(dir, [
      'update',
      ID,
      '--status',
      'investigating',
      '--message',
      'It is back.',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(`note: "${ID}" was resolved; this investigating update reopens it.`);
    expect(incidentModel(dir, ID)?.resolvedAt).toBeNull();
  });
});

describe('resolve', () => {
  test('appends a resolved update with the default message; the model reads it as resolved', async () => {
    const { code, stdout } = await runIncident(dir, ['resolve', ID]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Resolved <content>/incidents/${ID}.md`);
    expect(readIncidentEntry(dir, ID).data.updates.at(-1)).toEqual({
      at: '2026-11-21T10:00:00+01:00',
      status: 'resolved',
      text: 'This incident has been resolved.',
    });
    const incident = incidentModel(dir, ID);
    expect(incident?.status).toBe('resolved');
    expect(incident?.resolvedAt).toBe(NOW);
    expect(incident?.updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
  });

  test('the default message follows the site language', async () => {
    writeFileSync(join(dir, 'heliograph.yaml'), incidentConfigIn('it'));
    await runIncident(dir, ['resolve', ID]);
    expect(readIncidentEntry(dir, ID).data.updates.at(-1)?.text).toBe(
      'Il problema è stato risolto.',
    );
  });

  test('takes --message and --at', async () => {
    await runIncident(dir, [
      'resolve',
      ID,
      '--message',
      'Fixed by a rollback.',
      '--at',
      '2026-11-21T08:45:00Z',
    ]);
    expect(incidentModel(dir, ID)?.resolvedAt).toBe(Date.parse('2026-11-21T08:45:00Z'));
  });

  test('an already resolved incident: a warning, exit 0, nothing written', async () => {
    await runIncident(dir, ['resolve', ID]);
    const before = incidentText(dir, ID);
    const { code, stdout, stderr } = await runIncident(dir, ['resolve', ID]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatchInlineSnapshot(`
      "warning: "2026-11-21-checkout-errors" is already resolved (resolved since 2026-11-21 10:00); nothing written.
        To add a note anyway: update 2026-11-21-checkout-errors --status resolved --message "…"
      "
    `);
    expect(incidentText(dir, ID)).toBe(before);
  });

  test('an --at before the latest update would not resolve it: exit 1, nothing written', async () => {
    const before = incidentText(dir, ID);
    const { code, stderr } = await runIncident(dir, ['resolve', ID, '--at', '-2h']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'incident: --at 2026-11-21T08:00:00+01:00 is before the latest update (2026-11-21 09:00), so the incident would stay investigating',
    );
    expect(incidentText(dir, ID)).toBe(before);
  });
});

function incidentConfigIn(locale: string): string {
  return `site:
  title: Tiny status
  url: https://status.tiny.example
  time_zone: Europe/Rome
  locale: ${locale}
components:
  - id: api
    name: Public API
  - id: web
    name: Website
  - id: db
    name: Database
`;
}
