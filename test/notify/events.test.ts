/**
 * Which events exist and which are due: the kind of each incident update, a maintenance start
 * sent once when its time comes, the horizon, the `events` filter, `--only` and `--dry-run`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { notificationEvents } from '../../src/lib/notify/events.ts';
import { loadSiteModel } from '../../src/lib/model/load.ts';
import { DAY, HOUR, MINUTE } from '../../src/lib/time.ts';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.ts';
import { at, NOW, recorded, removeSite, runNotify, writeSite } from './fixture.ts';

let http: RecordingServer;
let dir: string;

beforeAll(async () => {
  http = await startRecordingServer();
});
afterAll(() => http.close());
beforeEach(() => {
  http.reset();
});

/** A site with one Slack target (plus `extra` options). */
function slackSite(extra = ''): string {
  return writeSite(
    `notifications:\n  - { kind: slack, webhook: '\${SLACK_WEBHOOK}'${extra ? `, ${extra}` : ''} }\n`,
  );
}

describe('events of the site model', () => {
  beforeEach(() => {
    dir = slackSite();
    return () => removeSite(dir);
  });

  test('opened, updated, resolved, maintenance started: oldest first, with stable ids', () => {
    const events = notificationEvents(loadSiteModel({ contentDir: dir, now: NOW }));
    expect(events.map((e) => `${new Date(e.at).toISOString()} ${e.kind} ${e.id}`)).toEqual([
      '2026-11-18T09:00:00.000Z incident.opened old-outage-20261118t0900',
      '2026-11-18T09:20:00.000Z incident.resolved old-outage-20261118t0920',
      '2026-11-21T08:10:00.000Z incident.opened checkout-errors-20261121t0810',
      '2026-11-21T08:30:00.000Z incident.updated checkout-errors-20261121t0830',
      '2026-11-21T08:50:00.000Z incident.resolved checkout-errors-20261121t0850',
      '2026-11-21T08:55:00.000Z maintenance.started db-upgrade-started',
    ]);
  });

  test('a first update that resolves is a resolution; a postmortem after it, an update', () => {
    writeFileSync(
      join(dir, 'incidents', 'written-up.md'),
      `---
title: Written up afterwards
impact: minor
updates:
  - { at: '${at(-20 * MINUTE)}', status: resolved, text: 'It happened; it is over.' }
  - { at: '${at(-15 * MINUTE)}', status: postmortem, text: 'What we learned.' }
  - { at: '${at(10 * MINUTE)}', status: postmortem, text: 'Not published yet.' }
---
`,
    );
    const kinds = notificationEvents(loadSiteModel({ contentDir: dir, now: NOW }))
      .filter((e) => e.id.startsWith('written-up'))
      .map((e) => e.kind);
    // The update dated in the future is not published, so it is not an event yet.
    expect(kinds).toEqual(['incident.resolved', 'incident.updated']);
  });

  test('a maintenance starts once its window opens, and is no event before or after it', () => {
    const started = (now: number): string[] =>
      notificationEvents(loadSiteModel({ contentDir: dir, now }))
        .filter((e) => e.kind === 'maintenance.started')
        .map((e) => e.id);
    expect(started(NOW - 10 * MINUTE)).toEqual([]);
    expect(started(NOW)).toEqual(['db-upgrade-started']);
    expect(started(NOW + 2 * HOUR)).toEqual([]);
    expect(started(NOW + 2 * DAY + 5 * MINUTE)).toEqual(['later-work-started']);
  });
});

describe('what is due', () => {
  afterAll(() => removeSite(dir));

  test('a maintenance start is sent once, however many runs see it in progress', async () => {
    dir = slackSite("events: ['maintenance.started']");
    const texts = (): string[] =>
      http
        .accepted('slack')
        .map((r) => (JSON.parse(r.body) as { text: string }).text.split('\n')[0]!);
    await runNotify(dir, http.url, { now: NOW - 10 * MINUTE });
    expect(texts()).toEqual([]);
    for (const now of [NOW, NOW + 5 * MINUTE, NOW + 30 * MINUTE])
      await runNotify(dir, http.url, { now });
    expect(texts()).toEqual(['Maintenance in progress: Database upgrade']);
    await runNotify(dir, http.url, { now: NOW + 2 * DAY + 5 * MINUTE });
    expect(texts()).toEqual([
      'Maintenance in progress: Database upgrade',
      'Maintenance in progress: Later work',
    ]);
    expect(recorded(dir)).toEqual(['slack db-upgrade-started', 'slack later-work-started']);
    removeSite(dir);
  });

  test('events older than the horizon are never sent (24 h by default, or horizon_hours)', async () => {
    dir = slackSite('horizon_hours: 0.25');
    const run = await runNotify(dir, http.url);
    expect(run.code).toBe(0);
    // Only what happened in the last 15 minutes: the resolution (10 min ago) and the maintenance.
    expect(recorded(dir)).toEqual([
      'slack checkout-errors-20261121t0850',
      'slack db-upgrade-started',
    ]);
    removeSite(dir);

    // The default horizon keeps the incident of the last hour and leaves the one of 3 days ago.
    dir = slackSite();
    await runNotify(dir, http.url);
    expect(recorded(dir).filter((l) => l.includes('old-outage'))).toEqual([]);
    expect(recorded(dir)).toHaveLength(4);
    removeSite(dir);
  });

  test('a target gets only the events it lists', async () => {
    dir = slackSite("events: ['incident.opened', 'incident.resolved']");
    await runNotify(dir, http.url);
    expect(recorded(dir)).toEqual([
      'slack checkout-errors-20261121t0810',
      'slack checkout-errors-20261121t0850',
    ]);
    removeSite(dir);
  });

  test('--dry-run lists what is due and sends and writes nothing; --only picks targets', async () => {
    dir = writeSite(`notifications:
  - { kind: slack, webhook: '\${SLACK_WEBHOOK}' }
  - { kind: discord, id: team-chat, webhook: '\${DISCORD_WEBHOOK}' }
`);
    const record = join(dir, 'history', 'notifications.tsv');
    const before = readFileSync(record, 'utf8');
    const dry = await runNotify(dir, http.url, { args: ['--dry-run'] });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^dry-run team-chat incident\.opened \S+ — due \(dry run: not sent\)$/m,
    );
    expect(dry.stdout).toMatch(/^notify: 0 sent, 0 failed, 8 due \(dry run\)$/m);
    expect(http.requests).toHaveLength(0);
    expect(readFileSync(record, 'utf8')).toBe(before);

    const only = await runNotify(dir, http.url, { args: ['--only', 'team-chat'] });
    expect(only.stdout).toMatch(/^notify: 4 sent, 0 failed$/m);
    expect(http.requests.map((r) => r.route)).toEqual(Array(4).fill('discord'));
    expect(recorded(dir).every((l) => l.startsWith('team-chat '))).toBe(true);
  });
});
