/** `incident maintenance new` and `incident list`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { NEW_FLAGS, NOW, readMaintenanceEntry, runIncident, tinyContent } from './support.ts';

let dir: string;
beforeEach(() => {
  const content = tinyContent();
  dir = content.dir;
  return content.remove;
});

describe('maintenance new', () => {
  test('writes a window the build accepts, its message as the body, announced now', async () => {
    const { code, stdout, stderr } = await runIncident(dir, [
      'maintenance',
      'new',
      '--title',
      'Database upgrade',
      '--start',
      '2026-11-24T02:00:00+01:00',
      '--end',
      '2026-11-24T03:30:00+01:00',
      '--component',
      'db',
      '--component',
      'api',
      '--message',
      'We move to a **new** database version.',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Created <content>/maintenance/2026-11-24-database-upgrade.md');
    expect(stdout).toContain('Page: /maintenance/2026-11-24-database-upgrade/');
    const entry = readMaintenanceEntry(dir, '2026-11-24-database-upgrade');
    expect(entry.data).toEqual({
      title: 'Database upgrade',
      start: '2026-11-24T02:00:00+01:00',
      end: '2026-11-24T03:30:00+01:00',
      components: ['db', 'api'],
      // The announcement, dated when it was written (NOW, in the site's zone): feeds and
      // notifications date the window's news by it.
      updates: [{ at: '2026-11-21T10:00:00+01:00', status: 'scheduled', text: '' }],
    });
    expect(entry.body).toBe('We move to a **new** database version.');
  });

  test('relative times and --id', async () => {
    const { code } = await runIncident(dir, [
      'maintenance',
      'new',
      '--title=Cache flush',
      '--start=+1d',
      '--end=+25h',
      '--component=web',
      '--message=Short.',
      '--id=cache-flush',
    ]);
    expect(code).toBe(0);
    const { data } = readMaintenanceEntry(dir, 'cache-flush');
    expect([data.start, data.end]).toEqual([
      '2026-11-22T10:00:00+01:00',
      '2026-11-22T11:00:00+01:00',
    ]);
  });

  test('an end before the start is a usage error', async () => {
    const { code, stderr } = await runIncident(dir, [
      'maintenance',
      'new',
      '--title=Backwards',
      '--start=+2h',
      '--end=+1h',
      '--component=web',
      '--message=x',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'incident: --end (2026-11-21T11:00:00+01:00) must be after --start (2026-11-21T12:00:00+01:00)',
    );
  });

  test('component statuses are refused: maintenance takes ids only', async () => {
    const { code, stderr } = await runIncident(dir, [
      'maintenance',
      'new',
      '--title=x',
      '--start=+1h',
      '--end=+2h',
      '--component=web=major_outage',
      '--message=x',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('maintenance takes component ids only');
  });
});

describe('list', () => {
  beforeEach(async () => {
    const run = async (args: string[], now = NOW): Promise<void> => {
      expect((await runIncident(dir, args, { now })).code).toBe(0);
    };
    await run([...NEW_FLAGS, '--id', 'checkout'], NOW - 2 * 3_600_000);
    await run([...NEW_FLAGS, '--id', 'older', '--title', 'Older trouble'], NOW - 26 * 3_600_000);
    await run(['resolve', 'older'], NOW - 25 * 3_600_000);
    await run([...NEW_FLAGS, '--id', 'later', '--title', 'Planned announcement', '--at', '+1d']);
  });

  test('shows the unresolved incidents, newest first', async () => {
    const { code, stdout } = await runIncident(dir, ['list']);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "ID        STATUS         IMPACT  STARTED (Europe/Rome)  TITLE
      checkout  investigating  major   2026-11-21 08:00       Checkout errors
      "
    `);
  });

  test('--all shows resolved ones and those not shown yet', async () => {
    const { code, stdout } = await runIncident(dir, ['list', '--all']);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "ID        STATUS         IMPACT  STARTED (Europe/Rome)  TITLE
      later     not yet shown  major   2026-11-22 10:00       Planned announcement
      checkout  investigating  major   2026-11-21 08:00       Checkout errors
      older     resolved       major   2026-11-20 08:00       Older trouble
      "
    `);
  });

  test('an invalid file is reported (exit 1) without hiding the others', async () => {
    writeFileSync(join(dir, 'incidents', 'broken.md'), '---\ntitle: Broken\n---\n');
    const { code, stdout, stderr } = await runIncident(dir, ['list']);
    expect(code).toBe(1);
    expect(stdout).toContain('checkout');
    expect(stderr).toContain('<content>/incidents/broken.md cannot be read:');
    expect(stderr).toContain('broken.md:2:1 updates: required field is missing');
  });

  test('nothing to show', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(
      join(empty, 'heliograph.yaml'),
      'site: { title: T, url: "https://t.example", time_zone: UTC }\ncomponents: [{ id: a, name: A }]\n',
    );
    expect((await runIncident(dir, ['list', '--content', empty])).stdout).toBe(
      'No unresolved incidents.\n',
    );
    expect((await runIncident(dir, ['list', '--all', '--content', empty])).stdout).toBe(
      'No incidents.\n',
    );
  });
});
