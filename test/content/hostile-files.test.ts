/**
 * Content files as an attacker or a careless hand may leave them: a YAML alias bomb, a folder named
 * like an incident, a 10 MB update, a named pipe, links that lead out of the content folder (to a
 * stand-in for /etc/passwd). Each reader of content refuses them with `file: message` — the
 * configuration, incidents and maintenance, history, the logo, templates, the prober's record, the
 * incident command, the record of notifications — and so does a whole build, which never prints a
 * line of the file a link leads to. A writer that appends to what it read never copies the linked
 * file into the content folder.
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { loadConfig } from '../../src/lib/config/load.ts';
import { componentIds } from '../../src/lib/config/schema.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { readTemplates } from '../../src/lib/content/templates.ts';
import { parseIncidentFile } from '../../src/lib/content/parse-entry.ts';
import { readHistory } from '../../src/lib/history/read.ts';
import { loadLogo } from '../../src/lib/images/logo.ts';
import { renderMarkdown, markdownToText } from '../../src/lib/markdown.ts';
import { openRecord } from '../../src/lib/notify/record.ts';
import { recordRun } from '../../src/lib/record/record.ts';
import { runIncident } from '../cli/support.ts';
import { ContentError, type Problem } from '../../src/lib/validation/friendly-errors.ts';

/** What the file outside the content folder holds: it must never reach a log, a page or an error. */
const SECRET_LINE = 'root:x:0:0:SECRET-OUTSIDE-CONTENT:/root:/bin/bash';

/**
 * The product's limit for refusing a hostile file. Reading one takes milliseconds; the assertion
 * is generous on purpose, so that a busy machine never fails it, while a hang or an exponential
 * expansion still does.
 */
const LIMIT_MS = 10_000;

/** Ten nested levels of nine aliases each: 9^10 nodes once expanded. */
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghij'
    .split('')
    .map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`),
].join('\n');

const CONFIG = `site:
  title: Acme status
  url: https://status.example.com
  time_zone: Europe/Rome
components:
  - id: api
    name: API
`;

const INCIDENT = (text: string): string =>
  `---\ntitle: Fine\nimpact: minor\nupdates:\n  - at: 2026-11-20T10:00:00Z\n    status: investigating\n    text: ${text}\n---\n`;

let root = '';
let content = '';
let outside = '';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'heliograph-hostile-files-'));
  content = join(root, 'content');
  outside = join(root, 'passwd');
  mkdirSync(join(content, 'incidents'), { recursive: true });
  writeFileSync(join(content, 'heliograph.yaml'), CONFIG);
  writeFileSync(outside, `${SECRET_LINE}\n`);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('heliograph.yaml', () => {
  test('an alias bomb stops at once with file:line:column and a plain message', () => {
    writeFileSync(join(content, 'heliograph.yaml'), `${CONFIG}${ALIAS_BOMB}\n`);
    const started = performance.now();
    const problems = contentProblems(() => loadConfig(content));
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/heliograph\.yaml$/) as string,
        line: 9,
        column: 8,
        field: '',
        message:
          'YAML aliases expand too far (the limit is 100 aliased nodes): write the values out',
      },
    ]);
  });

  test('a link out of the content folder is refused, and nothing of its target is shown', () => {
    rmSync(join(content, 'heliograph.yaml'));
    symlinkSync(outside, join(content, 'heliograph.yaml'));
    const error = catchContentError(() => loadConfig(content));
    expect(error.problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        message:
          'is a link that leads outside the content folder; put the file itself in the folder',
      }),
    ]);
    expect(error.message).not.toContain('SECRET');
  });
});

describe('incidents and maintenance', () => {
  test('each hostile file is named with its problem, all at once, and the good one is read', () => {
    const dir = join(content, 'incidents');
    writeFileSync(join(dir, 'good.md'), INCIDENT('Fine.'));
    writeFileSync(join(dir, 'bomb.md'), `---\n${ALIAS_BOMB}\n---\n`);
    mkdirSync(join(dir, 'folder.md'));
    writeFileSync(join(dir, 'huge.md'), INCIDENT('x'.repeat(10 * 1024 * 1024)));
    symlinkSync(outside, join(dir, 'passwd.md'));
    // A link that stays inside the content folder is fine.
    mkdirSync(join(content, 'shared'));
    writeFileSync(join(content, 'shared', 'kept.md'), INCIDENT('Linked.'));
    symlinkSync(join(content, 'shared', 'kept.md'), join(dir, 'linked.md'));
    const pipe = mkfifo(join(dir, 'pipe.md'));

    const started = performance.now();
    const problems = contentProblems(() =>
      readMarkdownFolder({
        root: content,
        folder: 'incidents',
        parse: parseIncidentFile,
        components: componentIds(loadConfig(content)),
      }),
    );
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    const byFile = problems.map((p) => `${p.file.split(/[/\\]/).pop()}:${p.line}:${p.column} ${p.message}`);
    expect(byFile).toEqual([
      'bomb.md:3:8 YAML aliases expand too far (the limit is 100 aliased nodes): write the values out',
      'folder.md:1:1 is a folder, not a file',
      'huge.md:1:1 is 10 MB, larger than the 1 MB an incident or maintenance file may be',
      'passwd.md:1:1 is a link that leads outside the content folder; put the file itself in the folder',
      ...(pipe ? ['pipe.md:1:1 is a named pipe, not a file'] : []),
    ]);
    expect(JSON.stringify(problems)).not.toContain('SECRET');

    rmSync(join(dir, 'bomb.md'));
    rmSync(join(dir, 'folder.md'), { recursive: true });
    rmSync(join(dir, 'huge.md'));
    rmSync(join(dir, 'passwd.md'));
    if (pipe) rmSync(join(dir, 'pipe.md'));
    const entries = readMarkdownFolder({
      root: content,
      folder: 'incidents',
      parse: parseIncidentFile,
      components: componentIds(loadConfig(content)),
    });
    expect([...entries.keys()]).toEqual(['good', 'linked']);
  });
});

describe('history', () => {
  test('a history file that leads outside is skipped with a warning; its lines are never read', () => {
    const dir = join(content, 'history');
    mkdirSync(join(dir, 'daily'), { recursive: true });
    writeFileSync(join(dir, '2026-11-20.tsv'), 'time\tapi\n10:00\t120\n');
    symlinkSync(outside, join(dir, '2026-11-21.tsv'));
    symlinkSync(outside, join(dir, 'daily', '2026.tsv'));
    const history = readHistory({ dir, intervalMinutes: 5 });
    expect(history.sampleCount).toBe(1);
    expect(history.warnings).toEqual([
      {
        file: 'history/2026-11-21.tsv',
        line: 1,
        message:
          'is a link that leads outside the content folder; put the file itself in the folder; skipped',
      },
      {
        file: 'history/daily/2026.tsv',
        line: 1,
        message:
          'is a link that leads outside the content folder; put the file itself in the folder; skipped',
      },
    ]);
    expect(JSON.stringify(history.warnings)).not.toContain('SECRET');
  });
});

describe('the logo', () => {
  test('a logo that leads outside, or is not a file, is refused naming it', () => {
    symlinkSync(outside, join(content, 'logo.svg'));
    expect(() => loadLogo(content, 'logo.svg')).toThrow(
      /logo\.svg: is a link that leads outside the content folder/,
    );
    mkdirSync(join(content, 'folder.png'));
    expect(() => loadLogo(content, 'folder.png')).toThrow(/folder\.png: is a folder, not a file/);
    writeFileSync(join(content, 'real.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(loadLogo(content, 'real.svg').dataUri).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});

const LINK_OUT = 'is a link that leads outside the content folder; put the file itself in the folder';

describe('incident templates', () => {
  test('each refused template is a problem naming it; the others are read', () => {
    const dir = join(content, 'templates');
    mkdirSync(join(dir, 'en'), { recursive: true });
    const template = '---\ntitle: Down\n---\n\n{{component}} is down.\n';
    writeFileSync(join(dir, 'good.md'), template);
    symlinkSync(outside, join(dir, 'passwd.md'));
    mkdirSync(join(dir, 'en', 'folder.md'));
    // A link that stays inside the content folder is fine.
    mkdirSync(join(content, 'shared'));
    writeFileSync(join(content, 'shared', 'kept.md'), template);
    symlinkSync(join(content, 'shared', 'kept.md'), join(dir, 'en', 'linked.md'));
    const { templates, problems } = readTemplates(content, 'en', new Set(['api']));
    expect(templates.map((t) => t.name)).toEqual(['good', 'linked']);
    expect(problems.map((p) => `${p.file.split(/[/\\]/).pop()}:${p.line}:${p.column} ${p.message}`)).toEqual([
      `passwd.md:1:1 ${LINK_OUT}`,
      'folder.md:1:1 is a folder, not a file',
    ]);
    expect(JSON.stringify(problems)).not.toContain('SECRET');
  });
});

describe("the prober's record", () => {
  const at = Date.parse('2026-11-21T09:00:00Z');
  const record = (): ReturnType<typeof recordRun> =>
    recordRun({
      contentDir: content,
      config: loadConfig(content),
      results: [{ component: 'api', at, status: 'operational', ms: 120, reason: undefined, checks: [] }],
      now: at,
    });

  test('a linked state file is a warning and is written anew as a file; the linked file is untouched', () => {
    mkdirSync(join(content, 'history'));
    symlinkSync(outside, join(content, 'history', 'state.json'));
    const outcome = record();
    expect(outcome.warnings).toEqual([`history/state.json ${LINK_OUT}; counters start afresh`]);
    expect(lstatSync(join(content, 'history', 'state.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(content, 'history', 'state.json'), 'utf8')).not.toContain('SECRET');
    expect(readFileSync(outside, 'utf8')).toBe(`${SECRET_LINE}\n`);
  });

  test('a linked samples file stops the run naming it, and nothing of it reaches the content folder', () => {
    mkdirSync(join(content, 'history'));
    symlinkSync(outside, join(content, 'history', '2026-11-21.tsv'));
    expect(record).toThrow(`2026-11-21.tsv: ${LINK_OUT}`);
    expect(lstatSync(join(content, 'history', '2026-11-21.tsv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe(`${SECRET_LINE}\n`);
  });
});

describe('the incident command', () => {
  test('a linked incident file is a problem naming it, for update and merge alike', async () => {
    writeFileSync(join(content, 'incidents', 'good.md'), INCIDENT('Fine.'));
    symlinkSync(outside, join(content, 'incidents', 'passwd.md'));
    const update = await runIncident(content, [
      'update',
      'passwd',
      '--status',
      'identified',
      '--message',
      'Found it.',
    ]);
    expect(update.code).toBe(1);
    expect(update.stderr).toContain(`passwd.md:1:1 ${LINK_OUT}`);
    const merge = await runIncident(content, ['merge', 'good', 'passwd']);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain(`passwd.md:1:1 ${LINK_OUT}`);
    for (const run of [update, merge]) expect(run.stdout + run.stderr).not.toContain('SECRET');
    expect(readFileSync(outside, 'utf8')).toBe(`${SECRET_LINE}\n`);
  });
});

describe('the record of notifications', () => {
  test('a linked record is refused naming it, never appended to', () => {
    mkdirSync(join(content, 'history'));
    const path = join(content, 'history', 'notifications.tsv');
    symlinkSync(outside, path);
    let error: unknown;
    try {
      openRecord(path, { within: content }).add('slack', 'some-event', Date.now());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const message = `${(error as Error).message} ${String((error as Error).cause)}`;
    expect(message).toContain(`cannot read the notifications record ${path}`);
    expect(message).toContain(LINK_OUT);
    expect(message).not.toContain('SECRET');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe(`${SECRET_LINE}\n`);
  });
});

describe('Markdown that would exhaust the stack', () => {
  test('tens of thousands of nested quotes are shown as written, not thrown', () => {
    const text = `${'> '.repeat(30_000)}deep`;
    const html = renderMarkdown(text);
    expect(html.startsWith('<p>&gt; &gt; ')).toBe(true);
    expect(html.endsWith('deep</p>')).toBe(true);
    expect(markdownToText(text).endsWith('> > deep')).toBe(true);
  });
});

describe('a build', () => {
  test('stops on hostile incident files, naming each, printing nothing of a linked file', async () => {
    const dir = join(content, 'incidents');
    writeFileSync(join(dir, 'bomb.md'), `---\n${ALIAS_BOMB}\n---\n`);
    mkdirSync(join(dir, 'x.md'));
    writeFileSync(join(dir, 'huge.md'), INCIDENT('x'.repeat(10 * 1024 * 1024)));
    symlinkSync(outside, join(dir, 'passwd.md'));
    const error = await buildSite({ content, out: join(root, 'dist') }).then(
      () => expect.unreachable('the build should have failed'),
      (e: unknown) => e as Error,
    );
    const shown = (name: string): string => join(dir, name);
    expect(error.message).toContain('4 problems in content:');
    expect(error.message).toContain(`${shown('bomb.md')}:3:8 YAML aliases expand too far`);
    expect(error.message).toContain(`${shown('x.md')}:1:1 is a folder, not a file`);
    expect(error.message).toContain(
      `${shown('huge.md')}:1:1 is 10 MB, larger than the 1 MB an incident or maintenance file may be`,
    );
    expect(error.message).toContain(
      `${shown('passwd.md')}:1:1 is a link that leads outside the content folder`,
    );
    expect(error.message).not.toContain('SECRET');
    // The problems are the message: no stack of our own frames buries them.
    expect(error.message).not.toMatch(/^\s+at .*\.ts:\d+/m);
  }, 180_000);

  test('a linked history file and logo: the history is skipped with a warning, the logo stops the build', async () => {
    writeFileSync(join(content, 'heliograph.yaml'), CONFIG.replace('  time_zone', '  logo: logo.svg\n  time_zone'));
    symlinkSync(outside, join(content, 'logo.svg'));
    mkdirSync(join(content, 'history'));
    symlinkSync(outside, join(content, 'history', '2026-11-21.tsv'));
    const dist = join(root, 'dist');
    const error = await buildSite({ content, out: dist }).then(
      () => expect.unreachable('the build should have failed'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain(
      'history/2026-11-21.tsv:1: is a link that leads outside the content folder',
    );
    expect(error.message).toMatch(/logo\.svg: is a link that leads outside the content folder/);
    expect(error.message).not.toContain('SECRET');
    expect(error.message).not.toMatch(/^\s+at .*\.ts:\d+/m);
    expect(readdirSync(root)).not.toContain('dist');
  }, 180_000);
});

// Helpers

function contentProblems(run: () => unknown): Problem[] {
  return catchContentError(run).problems;
}

function catchContentError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  return expect.unreachable('expected a ContentError');
}

/** Makes a named pipe where the system can; false where it cannot (Windows). */
function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    // No mkfifo here: the pipe case is left out.
    return false;
  }
}
