/**
 * `incident merge`: the kept file gets every update (editors' comments and quoting kept), the
 * union of components, the earlier start and both postmortems; the other becomes a stub that the
 * build accepts, lists nowhere and leads from. Mistakes are named; a merged incident takes no
 * more updates; a `merged_into` that leads nowhere is a content error with file, line and field.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { componentIds } from '../../src/lib/config/schema.ts';
import { loadConfig } from '../../src/lib/config/load.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { incidentReferences, parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { ContentError } from '../../src/lib/validation/friendly-errors.ts';
import {
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
  mkdirSync(join(dir, 'incidents'));
  write(
    'api-down',
    `---
# Opened by the prober
title: "API: service unavailable"
impact: minor
components: { api: partial_outage }
updates:
  - at: 2026-11-21T08:30:00Z
    status: investigating
    text: We are looking.
---
`,
  );
  write(
    'web-down',
    `---
title: Website and API down
impact: major
components: { web: major_outage, api: major_outage }
started_at: 2026-11-21T08:20:00Z
updates:
  - at: 2026-11-21T08:35:00Z
    status: identified
    text: 'A bad deploy: rolling back.' # quoted by hand
    github: comment/17
---

The deploy skipped its checks.
`,
  );
  return content.remove;
});

function write(id: string, text: string): void {
  writeFileSync(join(dir, 'incidents', `${id}.md`), text);
}

describe('merge', () => {
  test('joins the other into the first: updates, components, start, impact, postmortem', async () => {
    const { code, stdout, stderr } = await runIncident(dir, ['merge', 'api-down', 'web-down']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Merged web-down into api-down: 1 update moved.');
    expect(stdout).toContain('Page: /incidents/web-down/');
    const kept = readIncidentEntry(dir, 'api-down');
    expect(kept.data).toMatchObject({
      title: 'API: service unavailable',
      impact: 'major',
      components: { api: 'major_outage', web: 'major_outage' },
      started_at: '2026-11-21T08:20:00Z',
    });
    expect(kept.data.updates).toEqual([
      { at: '2026-11-21T08:30:00Z', status: 'investigating', text: 'We are looking.' },
      {
        at: '2026-11-21T08:35:00Z',
        status: 'identified',
        text: 'A bad deploy: rolling back.',
        merged_from: 'web-down',
      },
    ]);
    expect(kept.body).toBe('The deploy skipped its checks.');
    const text = incidentText(dir, 'api-down');
    expect(text).toContain('# Opened by the prober');
    expect(text).toContain("text: 'A bad deploy: rolling back.' # quoted by hand");
    // The model: one incident, the brought update keeping the id it was published with.
    expect(incidentModel(dir, 'api-down')?.updates.map((u) => u.id)).toEqual([
      'web-down-20261121t0835',
      'api-down-20261121t0830',
    ]);
    expect(incidentModel(dir, 'web-down')).toBeUndefined();
    expect(incidentText(dir, 'web-down')).toBe(
      '---\ntitle: Website and API down\nimpact: major\nupdates: []\nmerged_into: api-down\n---\n',
    );
  });

  test('mistakes are named, and a merged incident takes no more updates', async () => {
    expect((await runIncident(dir, ['merge', 'api-down'])).stderr).toContain(
      'merge needs two incident ids or more',
    );
    expect((await runIncident(dir, ['merge', 'api-down', 'api-down'])).stderr).toContain(
      '"api-down" is named twice',
    );
    expect((await runIncident(dir, ['merge', 'api-down', 'web-dwn'])).stderr).toContain(
      'no incident "web-dwn"',
    );
    expect((await runIncident(dir, ['merge', 'api-down', 'web-down'])).code).toBe(0);
    const again = await runIncident(dir, ['merge', 'web-down', 'api-down']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      '"web-down" was merged into "api-down" already: merge into that one instead',
    );
    const update = await runIncident(dir, [
      'update',
      'web-down',
      '--status',
      'monitoring',
      '--message',
      'Better.',
    ]);
    expect(update.code).toBe(1);
    expect(update.stderr).toContain(
      '"web-down" was merged into "api-down": post to that one instead',
    );
    const list = await runIncident(dir, ['list', '--all']);
    expect(list.stdout).not.toContain('web-down');
  });
});

describe('merged_into in the files', () => {
  const read = () =>
    readMarkdownFolder({
      root: dir,
      folder: 'incidents',
      parse: parseIncidentFile,
      components: componentIds(loadConfig(dir)),
      references: incidentReferences,
    });
  const problems = (): string[] => {
    try {
      read();
    } catch (error) {
      if (error instanceof ContentError)
        return error.message
          .split('\n')
          .slice(1)
          .map((l) => l.trim());
      throw error;
    }
    return [];
  };

  test('must lead to an incident, never back to itself', () => {
    write('gone', '---\ntitle: Gone\nimpact: minor\nupdates: []\nmerged_into: nowhere\n---\n');
    write('self', '---\ntitle: Self\nimpact: minor\nupdates: []\nmerged_into: self\n---\n');
    write('ping', '---\ntitle: Ping\nimpact: minor\nupdates: []\nmerged_into: pong\n---\n');
    write('pong', '---\ntitle: Pong\nimpact: minor\nupdates: []\nmerged_into: ping\n---\n');
    expect(problems()).toEqual([
      expect.stringMatching(
        /incidents\/gone\.md:5:14 merged_into: no incident with id "nowhere" in incidents\/ \(known ids: api-down, gone, ping, pong, self, web-down\)$/,
      ),
      expect.stringMatching(
        /incidents\/ping\.md:5:14 merged_into: merges lead back to "ping": ping → pong → ping$/,
      ),
      expect.stringMatching(
        /incidents\/pong\.md:5:14 merged_into: merges lead back to "pong": pong → ping → pong$/,
      ),
      expect.stringMatching(
        /incidents\/self\.md:5:14 merged_into: an incident cannot be merged into itself$/,
      ),
    ]);
  });

  test('an incident that is not merged still needs an update', () => {
    write('empty', '---\ntitle: Empty\nimpact: minor\nupdates: []\n---\n');
    expect(problems()).toEqual([
      expect.stringMatching(
        /incidents\/empty\.md:\d+:\d+ updates: an incident needs at least one update$/,
      ),
    ]);
  });
});
