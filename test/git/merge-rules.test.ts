/**
 * Each merge rule of the push path, with real git: a temporary bare remote and two clones that
 * change the same file; one pushes first, the other pushes through `pushWithRetry`, which
 * rebases and merges by meaning. What both wrote is on the remote, and every file reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { renderIncident } from '../../src/lib/content/incident-document.ts';
import { renderMaintenance } from '../../src/lib/content/maintenance-document.ts';
import { ConflictError } from '../../src/lib/git/rebase.ts';
import { pushMain } from '../../src/lib/git/push-cli.ts';
import {
  checkout,
  git,
  makeRepos,
  parseEverything,
  recordInClone,
  SMALL_CONFIG,
  write,
  type Repos,
} from '../support/git-repos.ts';

let repos: Repos | undefined;
afterEach(() => repos?.remove());

const CONFIG = { 'content/heliograph.yaml': SMALL_CONFIG };
const INCIDENT = 'content/incidents/2026-11-21-api.md';
const at = (hhmm: string): string => `2026-11-21T${hhmm}:00Z`;

/** An editor's incident about the API, with one update. */
const editorIncident = renderIncident({
  title: 'API errors',
  impact: 'minor',
  components: { api: 'partial_outage' },
  updates: [{ at: at('09:00'), status: 'investigating', text: 'We are looking into errors.' }],
});

/** Appends an update to a clone's incident file, as an editor would type it. */
function appendUpdate(clone: string, file: string, yaml: string): void {
  const path = join(clone, file);
  const text = readFileSync(path, 'utf8');
  write(path, text.replace(/\n---\n*$/, `\n${yaml.trimEnd()}\n---\n`));
}

/**
 * A remote where the prober saw the API down at 09:00: its incident is open and the state
 * tracks it.
 */
function apiDown() {
  const T = Date.parse(at('09:00'));
  const r = makeRepos(CONFIG);
  repos = r;
  const seed = r.path('seed');
  probeRun(seed, T, { api: 'major_outage', web: 'operational' }, 'probe: api down');
  git(seed, 'push', '-q', 'origin', 'HEAD:main');
  const id = 'auto-api-20261121-0900';
  return { r, T, id, file: `content/incidents/${id}.md` };
}

/** A probe run in a clone: what it records for `statuses` at `at`, committed. */
function probeRun(
  clone: string,
  at: number,
  statuses: Parameters<typeof recordInClone>[2],
  message: string,
): void {
  recordInClone(clone, at, statuses);
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', message);
}

/** The updates of a checkout's incident, as `HH:MM status text`. */
function timeline(check: string, id: string): string[] {
  const { incidents } = parseEverything(check);
  return incidents.get(id)!.data.updates.map((u) => `${u.at.slice(11, 16)} ${u.status} ${u.text}`);
}

describe('incident files', () => {
  test('both sides appended updates: both kept, in time order, the editor’s comments too', async () => {
    repos = makeRepos({ ...CONFIG, [INCIDENT]: editorIncident });
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    appendUpdate(
      a,
      INCIDENT,
      `  # Ann, from the call with the provider
  - at: '${at('09:20')}'
    status: identified
    text: The provider found a bad router.`,
    );
    git(a, 'commit', '-qam', 'editor: identified');
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    appendUpdate(
      b,
      INCIDENT,
      `  - at: '${at('09:10')}'
    status: investigating
    github: comment/41
    text: Customers in Milan see it too.`,
    );
    git(b, 'commit', '-qam', 'sync: comment');
    const pushed = await repos.push('b');
    expect(pushed.attempts).toBe(2);
    expect(pushed.merged).toContain(`${INCIDENT}: merged (incident)`);

    const check = checkout(repos);
    expect(timeline(check, '2026-11-21-api')).toEqual([
      '09:00 investigating We are looking into errors.',
      '09:10 investigating Customers in Milan see it too.',
      '09:20 identified The provider found a bad router.',
    ]);
    expect(readFileSync(join(check, INCIDENT), 'utf8')).toContain(
      '# Ann, from the call with the provider',
    );
  });

  test('two different updates posted at the same instant are both kept', async () => {
    repos = makeRepos({ ...CONFIG, [INCIDENT]: editorIncident });
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    const update = (text: string) =>
      `  - at: '${at('09:30')}'\n    status: monitoring\n    text: ${text}`;
    appendUpdate(a, INCIDENT, update('A fix is live.'));
    git(a, 'commit', '-qam', 'a');
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    appendUpdate(b, INCIDENT, update('Errors are dropping.'));
    git(b, 'commit', '-qam', 'b');
    await repos.push('b');
    expect(timeline(checkout(repos), '2026-11-21-api')).toEqual([
      '09:00 investigating We are looking into errors.',
      '09:30 monitoring A fix is live.',
      '09:30 monitoring Errors are dropping.',
    ]);
  });

  for (const first of ['editor', 'prober'] as const) {
    test(`the editor edited the title while the prober resolved (${first} pushed first)`, async () => {
      const { r, T, id, file } = apiDown();
      const [editor, prober] = [r.clone('editor'), r.clone('prober')];

      const path = join(editor, file);
      write(
        path,
        readFileSync(path, 'utf8').replace(
          /^title: .*$/m,
          'title: Payments API unavailable # by Ann',
        ),
      );
      appendUpdate(
        editor,
        file,
        `  - at: '${at('09:12')}'\n    status: identified\n    text: A certificate expired; renewing it.`,
      );
      git(editor, 'commit', '-qam', 'editor: title and update');
      probeRun(
        prober,
        T + 15 * 60_000,
        { api: 'operational', web: 'operational' },
        'probe: api back',
      );

      const [pushesFirst, pushesSecond] = first === 'editor' ? [editor, prober] : [prober, editor];
      git(pushesFirst, 'push', '-q', 'origin', 'HEAD:main');
      await r.push(pushesSecond === editor ? 'editor' : 'prober');

      const check = checkout(r);
      const { incidents, state } = parseEverything(check);
      const incident = incidents.get(id)!.data;
      expect(incident.title).toBe('Payments API unavailable');
      expect(readFileSync(join(check, file), 'utf8')).toContain('# by Ann');
      expect(incident.updates.map((u) => `${u.at.slice(11, 16)} ${u.status}`)).toEqual([
        '09:00 investigating',
        '09:12 identified',
        '09:15 resolved',
      ]);
      // Resolved, and the state no longer tracks it: the next outage opens a new incident.
      expect(state.components['api']).toMatchObject({ confirmed: 'operational' });
      expect(state.components['api']!.incident).toBeUndefined();
    });
  }
});

test('maintenance: both sides’ updates kept, components merged as a set, upstream’s title', async () => {
  const file = 'content/maintenance/2026-12-01-db.md';
  const base = {
    title: 'Database upgrade',
    start: '2026-12-01T22:00:00Z',
    end: '2026-12-01T23:00:00Z',
    components: ['api'],
    body: 'We upgrade the database.',
  };
  repos = makeRepos({ ...CONFIG, [file]: renderMaintenance(base) });
  const [a, b] = [repos.clone('a'), repos.clone('b')];
  write(
    join(a, file),
    renderMaintenance({
      ...base,
      title: 'Database upgrade (extended)',
      updates: [{ at: '2026-12-01T22:10:00Z', status: 'in_progress', text: 'Started.' }],
    }),
  );
  git(a, 'commit', '-qam', 'a');
  git(a, 'push', '-q', 'origin', 'HEAD:main');
  write(
    join(b, file),
    renderMaintenance({
      ...base,
      title: 'DB upgrade',
      components: ['api', 'web'],
      updates: [{ at: '2026-12-01T22:40:00Z', status: 'verifying', text: 'Checking.' }],
    }),
  );
  git(b, 'commit', '-qam', 'b');
  const pushed = await repos.push('b');
  expect(pushed.merged.some((n) => n.includes('title: changed on both sides'))).toBe(true);

  const check = checkout(repos);
  parseEverything(check);
  const text = readFileSync(join(check, file), 'utf8');
  expect(text).toContain('title: Database upgrade (extended)');
  expect(text).toMatch(/components:\n {2}- api\n {2}- web\n/);
  expect(text.indexOf('Started.')).toBeLessThan(text.indexOf('Checking.'));
});

describe('the probe state', () => {
  test('a stale comment that reopens a resolved incident re-attaches it to its component', async () => {
    const { r, T, id, file } = apiDown();
    const [prober, sync] = [r.clone('prober'), r.clone('sync')];
    // The prober resolves at 09:05; the sync, not yet aware, adds "Identified" at 09:07.
    probeRun(prober, T + 5 * 60_000, { api: 'operational', web: 'operational' }, 'probe: api back');
    git(prober, 'push', '-q', 'origin', 'HEAD:main');
    appendUpdate(
      sync,
      file,
      `  - at: '${at('09:07')}'\n    status: identified\n    github: comment/7\n    text: Still failing for us.`,
    );
    git(sync, 'commit', '-qam', 'sync: comment');
    const pushed = await r.push('sync');
    expect(pushed.merged).toContain(
      `content/history/state.json: api tracks ${id} again (reconciled)`,
    );

    const { incidents, state } = parseEverything(checkout(r));
    expect(incidents.get(id)!.data.updates.map((u) => u.status)).toEqual([
      'investigating',
      'resolved',
      'identified',
    ]);
    // Unresolved again, so tracked again: the prober will resolve it on the next recovery.
    expect(state.components['api']).toMatchObject({ confirmed: 'major_outage', incident: id });
  });

  test('two probers’ states merge component by component', async () => {
    const T = Date.parse(at('09:00'));
    repos = makeRepos(CONFIG);
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    probeRun(a, T, { api: 'major_outage' }, 'a');
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    probeRun(b, T + 60_000, { web: 'major_outage' }, 'b');
    await repos.push('b');
    const { state, incidents } = parseEverything(checkout(repos));
    expect(state.components['api']).toMatchObject({
      confirmed: 'major_outage',
      incident: 'auto-api-20261121-0900',
    });
    expect(state.components['web']).toMatchObject({
      confirmed: 'major_outage',
      incident: 'auto-web-20261121-0901',
    });
    expect([...incidents.keys()].sort()).toEqual([
      'auto-api-20261121-0900',
      'auto-web-20261121-0901',
    ]);
  });

  test('two probers that each opened an incident for one outage leave one incident', async () => {
    // The loop on a server and the workflow's schedule, say: both see the API down, a minute
    // apart, and each opens an incident before the other's push arrives.
    const T = Date.parse(at('09:00'));
    repos = makeRepos(CONFIG);
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    probeRun(a, T, { api: 'major_outage' }, 'a');
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    probeRun(b, T + 60_000, { api: 'major_outage' }, 'b');
    const pushed = await repos.push('b');
    const [kept, other] = ['auto-api-20261121-0900', 'auto-api-20261121-0901'];
    expect(pushed.merged).toContain(
      `content/incidents/${other}.md: merged into ${kept} (one outage, two probers)`,
    );

    const check = checkout(repos);
    const { state, incidents } = parseEverything(check);
    // The later one leads to the earlier, which has both probers' words: nothing is lost.
    expect(incidents.get(other)!.data).toMatchObject({ merged_into: kept, updates: [] });
    expect(incidents.get(kept)!.data.updates.map((u) => u.at)).toEqual([at('09:00'), at('09:01')]);
    expect(state.components['api']).toMatchObject({ confirmed: 'major_outage', incident: kept });

    // Recovery, seen by either prober, resolves the one incident.
    git(b, 'pull', '-q', '--rebase', 'origin', 'main');
    probeRun(b, T + 10 * 60_000, { api: 'operational' }, 'b: api back');
    await repos.push('b');
    const after = parseEverything(checkout(repos));
    expect(after.incidents.get(kept)!.data.updates.at(-1)!.status).toBe('resolved');
    expect(after.state.components['api']).toMatchObject({ confirmed: 'operational' });
  });
});

test('the notifications record: both sides’ lines kept once each, even without merge=union', async () => {
  const file = 'content/history/notifications.tsv';
  const line = (t: string, target: string, event: string) => `${at(t)}\t${target}\t${event}\n`;
  repos = makeRepos({ ...CONFIG, [file]: line('09:00', 'slack', 'x/1') }, { attributes: false });
  const [a, b] = [repos.clone('a'), repos.clone('b')];
  repos.commitFile('a', file, line('09:00', 'slack', 'x/1') + line('09:05', 'slack', 'x/2'));
  git(a, 'push', '-q', 'origin', 'HEAD:main');
  repos.commitFile(
    'b',
    file,
    line('09:00', 'slack', 'x/1') + line('09:05', 'mail', 'x/2') + line('09:05', 'slack', 'x/2'),
  );
  const pushed = await repos.push('b');
  expect(pushed.merged).toContain(`${file}: merged (notifications record)`);
  const { record } = parseEverything(checkout(repos));
  expect(record).toBe(
    line('09:00', 'slack', 'x/1') + line('09:05', 'slack', 'x/2') + line('09:05', 'mail', 'x/2'),
  );
  void b;
});

describe('a conflict no rule covers', () => {
  test('stops the push, names the file, and leaves the local commit as it was', async () => {
    repos = makeRepos(CONFIG);
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    const file = 'content/heliograph.yaml';
    repos.commitFile('a', file, SMALL_CONFIG.replace('Push test', 'Status of A'));
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    repos.commitFile('b', file, SMALL_CONFIG.replace('Push test', 'Status of B'), 'b: title');
    const error = await repos.push('b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).files).toEqual([file]);
    expect((error as Error).message).toMatch(
      /^cannot push: content\/heliograph\.yaml changed on both sides and no merge rule covers it/,
    );
    // No rebase left behind; the commit to push is still there, untouched.
    expect(git(b, 'status', '--porcelain')).toBe('');
    expect(git(b, 'log', '-1', '--format=%s').trim()).toBe('b: title');
    expect(readFileSync(join(b, file), 'utf8')).toContain('Status of B');
  });

  test('npm run push exits 1 with the file named; a remote that cannot be reached is 3', async () => {
    repos = makeRepos(CONFIG);
    const [a, b] = [repos.clone('a'), repos.clone('b')];
    repos.commitFile('a', 'notes.txt', 'from a\n');
    git(a, 'push', '-q', 'origin', 'HEAD:main');
    repos.commitFile('b', 'notes.txt', 'from b\n');
    const run = async () => {
      const out: string[] = [];
      const code = await pushMain(['--attempts', '2'], {
        cwd: b,
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
        sleep: () => Promise.resolve(),
      });
      return { code, out: out.join('') };
    };
    const conflict = await run();
    expect(conflict.code).toBe(1);
    expect(conflict.out).toContain('push: cannot push: notes.txt changed on both sides');

    git(b, 'remote', 'set-url', 'origin', join(repos.root, 'gone.git'));
    const unreachable = await run();
    expect(unreachable.code).toBe(3);
    expect(unreachable.out).toContain('the remote cannot be reached');
  });
});
