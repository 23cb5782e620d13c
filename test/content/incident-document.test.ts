/**
 * The incident document, the one way incident files are cut and edited: line endings and the
 * byte-order mark kept, editors' comments, quoting and order kept, updates read with their
 * identity and written back as a list (what a merge of two versions of a file needs), and nothing
 * written that the build's parser would reject.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  frontMatterBody,
  joinFrontMatter,
  splitFrontMatter,
} from '../../src/lib/content/front-matter.ts';
import {
  appendUpdate,
  checkIncident,
  emptyIncident,
  incidentText,
  newUpdate,
  openIncident,
  readField,
  readUpdates,
  renderIncident,
  setField,
  writeUpdates,
  type DocumentUpdate,
  type IncidentDocument,
} from '../../src/lib/content/incident-document.ts';
import { editIncidentFile } from '../../src/lib/content/incident-files.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { ContentError, formatProblem } from '../../src/lib/validation/friendly-errors.ts';

const COMPONENTS: ReadonlySet<string> = new Set(['api', 'web']);

/** An editor's file: a comment, a flow map, chosen quoting, a body. */
const EDITED = [
  '---',
  '# Written by Ada; keep the title short.',
  "title: 'Checkout: slow'",
  'impact: minor',
  'components: { api: degraded_performance }',
  'updates:',
  '  - at: 2026-11-21T09:05:00Z # first report',
  '    status: investigating',
  '    text: "Payments take a minute."',
  '---',
  '',
  '## Postmortem',
  '',
  'A slow query.  ',
  '',
].join('\n');

function open(text: string): IncidentDocument {
  const opened = openIncident(text, 'x.md');
  if (!opened.ok) return expect.unreachable(opened.problems.map(formatProblem).join('\n'));
  return opened.data;
}

function problems(text: string): string[] {
  const opened = openIncident(text, 'x.md');
  return opened.ok ? [] : opened.problems.map(formatProblem);
}

describe('the front-matter split', () => {
  test.each([
    ['LF', EDITED],
    ['CRLF', EDITED.replace(/\n/g, '\r\n')],
    ['CRLF with a byte-order mark', `\uFEFF${EDITED.replace(/\n/g, '\r\n')}`],
    ['fences with trailing blanks', EDITED.replace(/^---$/gm, '--- \t')],
  ])('%s: the YAML reads the same, and the file comes back byte for byte', (_name, text) => {
    const parts = splitFrontMatter(text)!;
    expect(parts.yaml).toBe(
      EDITED.slice(4, EDITED.indexOf('\n---', 4) + 1).replace(/--- \t/g, '---'),
    );
    expect(frontMatterBody(parts)).toBe('## Postmortem\n\nA slow query.');
    expect(joinFrontMatter(parts, parts.yaml)).toBe(text);
  });

  test('a closing fence at the very end, without a line ending', () => {
    expect(splitFrontMatter('---\ntitle: x\n---')).toEqual({
      head: '---\n',
      yaml: 'title: x\n',
      tail: '---',
      eol: '\n',
    });
  });

  test.each([
    ['no opening fence', 'title: x\n---\n'],
    ['no closing fence', '---\ntitle: x\n'],
    ['a fence that is not alone on its line', '--- title: x\n---\n'],
    ['only a fence', '---\n'],
  ])('%s: no front matter', (_name, text) => {
    expect(splitFrontMatter(text)).toBeUndefined();
  });
});

describe('editing keeps what editors wrote', () => {
  test.each([
    ['LF', '', '\n'],
    ['CRLF', '', '\r\n'],
    ['CRLF with a byte-order mark', '\uFEFF', '\r\n'],
  ])(
    '%s: an appended update changes only the lines it adds',
    (_name, bom, eol) => {
      const text = bom + EDITED.replace(/\n/g, eol);
      const doc = open(text);
      appendUpdate(doc, {
        at: '2026-11-21T09:30:00Z',
        status: 'resolved',
        text: 'Fixed.\n\nSorry for the wait.',
        detail: 'p95 2100 ms',
      });
      const next = incidentText(doc);
      const added = [
        '  - at: 2026-11-21T09:30:00Z',
        '    status: resolved',
        '    text: |-',
        '      Fixed.',
        '',
        '      Sorry for the wait.',
        '    detail: p95 2100 ms',
      ];
      const lines = EDITED.split('\n');
      const closing = lines.indexOf('---', 1);
      const expected = [...lines.slice(0, closing), ...added, ...lines.slice(closing)];
      expect(next).toBe(bom + expected.join(eol));
      expect(checkIncident(next, 'x.md', COMPONENTS).data.updates.at(-1)).toEqual({
        at: '2026-11-21T09:30:00Z',
        status: 'resolved',
        text: 'Fixed.\n\nSorry for the wait.',
        detail: 'p95 2100 ms',
      });
    },
  );

  test('a field set to the value it holds keeps its quoting; others change or go', () => {
    const doc = open(EDITED);
    setField(doc, 'title', 'Checkout: slow');
    setField(doc, 'components', { api: 'degraded_performance' });
    expect(incidentText(doc)).toBe(EDITED);
    setField(doc, 'impact', 'major');
    setField(doc, 'github_issue', 7);
    setField(doc, 'components', undefined);
    const next = incidentText(doc);
    expect(next).toContain("title: 'Checkout: slow'\nimpact: major\nupdates:");
    expect(next).toContain('    text: "Payments take a minute."\ngithub_issue: 7\n---\n');
    expect(readField(open(next), 'github_issue')).toBe(7);
  });

  test('a new file and an empty document render the same way', () => {
    const input = {
      title: 'API: service unavailable',
      impact: 'major' as const,
      components: { api: 'major_outage' as const },
      updates: [
        { at: '2026-11-21T09:05:00Z', status: 'investigating' as const, text: 'Looking.' },
      ],
    };
    const doc = emptyIncident();
    setField(doc, 'title', input.title);
    setField(doc, 'impact', input.impact);
    setField(doc, 'components', input.components);
    appendUpdate(doc, input.updates[0]!);
    expect(incidentText(doc)).toBe(renderIncident(input));
    expect(renderIncident(input, '\n## Postmortem\n')).toBe(
      `${renderIncident(input)}\n## Postmortem\n`,
    );
  });
});

describe('updates with their identity', () => {
  const TIMELINE = [
    '---',
    'title: T',
    'impact: minor',
    'updates:',
    '  - { at: 2026-11-21T09:05:00Z, status: investigating, text: A }',
    '  - { at: 2026-11-21T10:05:00+01:00, status: identified, text: B }',
    '  - { at: 2026-11-21T09:10:00Z, status: monitoring, github: comment/42, text: C }',
    '  - { at: not a time, status: monitoring, text: D }',
    '---',
    '',
  ].join('\n');

  test('by GitHub reference, else by instant (written in any zone); repeats are numbered', () => {
    const updates = readUpdates(open(TIMELINE));
    const t = Date.parse('2026-11-21T09:05:00Z');
    expect(updates.map(({ key, at, status, github }) => ({ key, at, status, github }))).toEqual([
      { key: `at:${t}`, at: t, status: 'investigating', github: undefined },
      { key: `at:${t}#2`, at: t, status: 'identified', github: undefined },
      {
        key: 'github:comment/42',
        at: t + 5 * 60_000,
        status: 'monitoring',
        github: 'comment/42',
      },
      { key: 'at:?not a time', at: Number.NaN, status: 'monitoring', github: undefined },
    ]);
  });

  test('two versions of a file merged by identity keep both sides, in time order, as written', () => {
    // What a later merge will do: the base, then each side adds an update; one side also edits
    // the text of an existing update (same identity, its version wins here).
    const base = [
      '---',
      'title: T',
      'impact: minor',
      'updates:',
      '  # the prober',
      '  - at: 2026-11-21T09:05:00Z',
      '    status: investigating',
      '    text: Looking.',
      '---',
      '',
    ].join('\n');
    const ours = open(base);
    appendUpdate(ours, { at: '2026-11-21T09:20:00Z', status: 'identified', text: 'Ours.' });
    const theirs = open(base.replace('text: Looking.', 'text: Looking into it. # edited'));
    appendUpdate(theirs, {
      at: '2026-11-21T09:10:00Z',
      status: 'monitoring',
      github: 'comment/7',
      text: 'Theirs.',
    });

    const byKey = new Map<string, DocumentUpdate>();
    for (const u of [...readUpdates(ours), ...readUpdates(theirs)]) byKey.set(u.key, u);
    writeUpdates(
      ours,
      [...byKey.values()].sort((a, b) => a.at - b.at),
    );
    const merged = incidentText(ours);
    expect(merged).toContain('  # the prober\n  - at: 2026-11-21T09:05:00Z');
    expect(merged).toContain('text: Looking into it. # edited');
    expect(
      checkIncident(merged, 'x.md', COMPONENTS).data.updates.map((u) => [u.status, u.text]),
    ).toEqual([
      ['investigating', 'Looking into it.'],
      ['monitoring', 'Theirs.'],
      ['identified', 'Ours.'],
    ]);
  });

  test('a new update has the identity it will have once written', () => {
    const doc = open(TIMELINE);
    const added = newUpdate(doc, { at: '2026-11-21T11:00:00Z', status: 'resolved', text: 'E' });
    writeUpdates(doc, [...readUpdates(doc), added]);
    expect(readUpdates(open(incidentText(doc))).at(-1)!.key).toBe(added.key);
  });
});

describe('what cannot be opened is named', () => {
  test.each([
    ['no front matter', 'title: x\n', 'x.md:1:1 missing front matter'],
    ['a YAML syntax error', '---\ntitle: [x\n---\n', 'x.md:2:10 YAML syntax error'],
    ['not fields', '---\n- a list\n---\n', 'x.md:2:1 the front matter must be fields'],
    ['updates that are not a list', '---\ntitle: x\nupdates: soon\n---\n', 'x.md:3:10 updates:'],
  ])('%s', (_name, text, problem) => {
    expect(problems(text).join('\n')).toContain(problem);
  });
});

describe('writing an incident file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heliograph-document-'));
    path = join(dir, 'edited.md');
    writeFileSync(path, EDITED);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (change: (doc: IncidentDocument) => void) =>
    editIncidentFile({
      path,
      file: 'incidents/edited.md',
      components: COMPONENTS,
      edit: (doc) => {
        change(doc);
        return true;
      },
    });

  test('an edit the build would reject is not written, and its problem is named', () => {
    let error: unknown;
    try {
      edit((doc) =>
        appendUpdate(doc, {
          at: '2026-11-21T09:30:00Z',
          status: 'identified',
          components: { payments: 'major_outage' },
          text: 'x',
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map(formatProblem)).toEqual([
      '  incidents/edited.md:13:7 updates[1].components.payments: no component with id "payments" in heliograph.yaml (known ids: api, web)',
    ]);
    expect(readFileSync(path, 'utf8')).toBe(EDITED);
  });

  test('a file the build rejects already is not built upon', () => {
    writeFileSync(path, EDITED.replace('impact: minor', 'impact: small'));
    expect(() => edit(() => undefined)).toThrow(/incidents\/edited\.md:4:9 impact: /);
  });

  test('a change is written atomically and says so; the same change again writes nothing', () => {
    const update = { at: '2026-11-21T09:30:00Z', status: 'resolved' as const, text: 'Fixed.' };
    expect(edit((doc) => appendUpdate(doc, update)).changed).toBe(true);
    const once = readFileSync(path, 'utf8');
    expect(parseIncidentFile(once, 'x.md', COMPONENTS).ok).toBe(true);
    expect(edit((doc) => setField(doc, 'impact', 'minor')).changed).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(once);
  });
});
