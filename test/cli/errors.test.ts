/** Every way the command refuses: the message names what is wrong and what is accepted. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { commandUsage, USAGE } from '../../src/lib/editor/cli.ts';
import { NEW_FLAGS, TINY_CONFIG, incidentText, runIncident, tinyContent } from './support.ts';

let dir: string;
beforeEach(() => {
  const content = tinyContent();
  dir = content.dir;
  return content.remove;
});

/** NEW_FLAGS with a flag given once, with this value (every other use of it removed). */
function withFlag(flag: string, value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < NEW_FLAGS.length; i++) {
    if (NEW_FLAGS[i] !== `--${flag}`) out.push(NEW_FLAGS[i]!);
    else i++;
  }
  return [...out, `--${flag}`, value];
}

/** Runs, expects the exit code and that no entry was written; returns stderr. */
async function fails(args: string[], code: 1 | 2): Promise<string> {
  const result = await runIncident(dir, args);
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  for (const folder of ['incidents', 'maintenance']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    expect(names.filter((n) => n !== 'existing.md')).toEqual([]);
  }
  return result.stderr;
}

describe('usage errors: exit 2 and the usage', () => {
  test('unknown command, with a suggestion', async () => {
    const stderr = await fails(['updte', 'x'], 2);
    expect(stderr).toBe(`incident: unknown command "updte" (did you mean "update"?)\n\n${USAGE}`);
  });

  test('no command; "maintenance" without "new"', async () => {
    expect(await fails([], 2)).toContain('incident: no command given');
    expect(await fails(['maintenance', 'list'], 2)).toContain(
      'incident: unknown command "maintenance list" (use "maintenance new")',
    );
  });

  test('unknown flag (strict parsing)', async () => {
    const stderr = await fails([...NEW_FLAGS, '--titel', 'x'], 2);
    expect(stderr).toMatch(/^incident: Unknown option '--titel'/);
    expect(stderr).toContain(USAGE);
  });

  test('a flag another command takes', async () => {
    expect(await fails(['list', '--impact', 'major'], 2)).toContain(
      'incident: --impact is not an option of "list"',
    );
    expect(
      await fails(['resolve', 'x', '--status', 'resolved', '--component', 'api=up'], 2),
    ).toContain('incident: --status, --component are not options of "resolve"');
  });

  test('an argument too many', async () => {
    expect(await fails(['list', 'extra'], 2)).toContain(
      'incident: unexpected argument "extra" after "list"',
    );
  });

  test("--help prints the usage and exits 0; after a command, that command's", async () => {
    expect(await runIncident(dir, ['--help'])).toMatchObject({
      code: 0,
      stdout: USAGE,
      stderr: '',
    });
    const result = await runIncident(dir, ['new', '--help']);
    expect(result).toMatchObject({ code: 0, stdout: commandUsage('new'), stderr: '' });
    expect(result.stdout).toMatch(/^ {2}--title TEXT +the title readers see$/m);
  });

  test("a flag of another command, or an argument too many: that command's usage", async () => {
    expect(await fails(['list', '--impact', 'major'], 2)).toBe(
      `incident: --impact is not an option of "list"\n\n${commandUsage('list')}`,
    );
    expect(await fails(['list', 'extra'], 2)).toBe(
      `incident: unexpected argument "extra" after "list"\n\n${commandUsage('list')}`,
    );
  });
});

describe('bad or missing values: exit 2', () => {
  test('missing flags off a terminal are named, all together', async () => {
    const stderr = await fails(['new', '--title', 'x'], 2);
    expect(stderr.endsWith(`\n\n${commandUsage('new')}`)).toBe(true);
    expect(stderr.slice(0, -commandUsage('new').length - 1)).toMatchInlineSnapshot(`
      "incident: missing --impact, --component, --status, --message: give them on the command line (or run the command in a terminal to be asked)
      "
    `);
  });

  test('a component without its status off a terminal', async () => {
    expect(await fails(withFlag('component', 'api'), 2)).toContain(
      'incident: --component api needs a status, e.g. --component api=major_outage (one of operational, degraded_performance, partial_outage, major_outage)',
    );
  });

  test('unknown component: the known ids', async () => {
    expect(await fails(withFlag('component', 'apii=major_outage'), 2)).toContain(
      'incident: --component "apii" is not a component in heliograph.yaml (did you mean "api"?); known components: api, web, db',
    );
  });

  test('bad impact, incident status and component status: the allowed values', async () => {
    expect(await fails(withFlag('impact', 'high'), 2)).toContain(
      'incident: --impact "high" is not allowed: use one of none, minor, major, critical',
    );
    expect(await fails(withFlag('status', 'investigatin'), 2)).toContain(
      'incident: --status "investigatin" is not allowed (did you mean "investigating"?): use one of investigating, identified, monitoring, resolved, postmortem',
    );
    expect(await fails(withFlag('component', 'api=broken'), 2)).toContain(
      'incident: --component api=broken: "broken" is not a component status: use one of operational, degraded_performance, partial_outage, major_outage',
    );
  });

  test('bad time: the expected format', async () => {
    for (const at of ['yesterday', '2026-11-21T10:00:00', '2026-11-21 10:00Z', '-30x']) {
      expect(await fails([...NEW_FLAGS, '--at', at], 2)).toContain(
        `incident: --at "${at}" is not a time: use an ISO 8601 time with a zone (2026-11-21T10:05:00+01:00 or 2026-11-21T09:05:00Z), \`now\`, or an offset from now such as -30m, -2h, +1d`,
      );
    }
  });

  test('several bad values are reported together', async () => {
    const stderr = await fails(
      [...withFlag('impact', 'high'), '--at', 'soon', '--id', 'Bad Id'],
      2,
    );
    expect(stderr.split('\n').slice(0, 4)).toEqual([
      'incident: 3 problems:',
      '  --impact "high" is not allowed: use one of none, minor, major, critical',
      expect.stringContaining('--at "soon" is not a time'),
      expect.stringContaining(
        '--id "Bad Id" cannot be an id: use lower-case letters, digits and dashes',
      ),
    ]);
  });

  test('--started after --at; an empty title', async () => {
    expect(await fails([...NEW_FLAGS, '--started', '+1h'], 2)).toContain(
      'incident: --started (2026-11-21T11:00:00+01:00) is after --at (2026-11-21T10:00:00+01:00)',
    );
    expect(await fails(withFlag('title', '   '), 2)).toContain('incident: --title is empty');
  });

  test('update without an id off a terminal', async () => {
    expect(await fails(['update', '--status', 'identified', '--message', 'x'], 2)).toContain(
      'incident: missing the incident id: update <id> (`list` shows the unresolved incidents)',
    );
  });
});

describe('content errors: exit 1', () => {
  test('update or resolve of a missing id lists the close ones', async () => {
    expect((await runIncident(dir, [...NEW_FLAGS, '--id', 'checkout-errors'])).code).toBe(0);
    expect((await runIncident(dir, [...NEW_FLAGS, '--id', 'checkout-slow'])).code).toBe(0);
    const update = await runIncident(dir, [
      'update',
      'checkout',
      '--status',
      'identified',
      '--message',
      'x',
    ]);
    expect(update.code).toBe(1);
    expect(update.stderr).toBe(
      'incident: no incident "checkout" in <content>/incidents; did you mean "checkout-errors", "checkout-slow"?\n',
    );
    const resolve = await runIncident(dir, ['resolve', 'zzz']);
    expect(resolve.code).toBe(1);
    expect(resolve.stderr).toBe(
      'incident: no incident "zzz" in <content>/incidents; `list --all` shows every incident\n',
    );
  });

  test('no configuration in the content folder', async () => {
    const stderr = await fails([...NEW_FLAGS, '--content', join(dir, 'nowhere')], 1);
    expect(stderr).toBe(
      'incident: no heliograph.yaml in <content>/nowhere: run this in the project folder, or give --content DIR\n',
    );
  });

  test('an invalid configuration, with file, line and field', async () => {
    writeFileSync(join(dir, 'heliograph.yaml'), TINY_CONFIG.replace('time_zone', 'timezone'));
    const stderr = await fails(NEW_FLAGS, 1);
    expect(stderr).toContain(
      '<content>/heliograph.yaml:4:3 site.timezone: unknown field "timezone" (did you mean "time_zone"?)',
    );
    expect(stderr).toContain('Nothing was written.');
  });

  test('an invalid incident file is not updated', async () => {
    mkdirSync(join(dir, 'incidents'));
    const broken = '---\ntitle: Broken\nimpact: huge\nupdates: []\n---\n';
    writeFileSync(join(dir, 'incidents', 'existing.md'), broken);
    const stderr = await fails(
      ['update', 'existing', '--status', 'identified', '--message', 'x'],
      1,
    );
    expect(stderr).toContain('<content>/incidents/existing.md:3:9 impact: Invalid option');
    expect(stderr).toContain(
      '<content>/incidents/existing.md:4:10 updates: an incident needs at least one update',
    );
    expect(incidentText(dir, 'existing')).toBe(broken);
  });

  test('an incident naming a component no longer configured is not updated', async () => {
    mkdirSync(join(dir, 'incidents'));
    const text =
      '---\ntitle: Old\nimpact: minor\ncomponents: { mail: major_outage }\nupdates:\n  - { at: 2026-11-21T08:00:00Z, status: investigating }\n---\n';
    writeFileSync(join(dir, 'incidents', 'existing.md'), text);
    const stderr = await fails(['resolve', 'existing'], 1);
    expect(stderr).toContain('components.mail: no component with id "mail" in heliograph.yaml');
    expect(incidentText(dir, 'existing')).toBe(text);
  });
});
