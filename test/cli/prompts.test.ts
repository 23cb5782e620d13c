/**
 * Questions on a terminal: scripted answers give the same files as flags, wrong answers are
 * explained and asked again, and the readline prompt keeps lines typed ahead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, test } from 'vitest';
import { createLinePrompt } from '../../src/lib/editor/line-prompt.ts';
import { NEW_FLAGS, incidentText, runIncident, tinyContent } from './support.ts';

let dir: string;
let other: string;
beforeEach(() => {
  const a = tinyContent();
  const b = tinyContent();
  dir = a.dir;
  other = b.dir;
  return () => {
    a.remove();
    b.remove();
  };
});

const ID = '2026-11-21-checkout-errors';

describe('on a terminal', () => {
  test('answers give the same incident file as flags', async () => {
    expect((await runIncident(other, NEW_FLAGS)).code).toBe(0);
    const answers = [
      'Checkout errors', // title
      '3', // impact by number: major
      '1 web=partial', // components: api by number, web with its status
      '', // status of api: Enter takes major_outage
      '', // status: Enter takes investigating
      'Payments fail at checkout. We are looking into it.',
    ];
    const { code, questions, stderr } = await runIncident(dir, ['new'], { answers });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(incidentText(dir, ID)).toBe(incidentText(other, ID));
    expect(questions).toMatchInlineSnapshot(`
      [
        "Title: ",
        "Impact:
        1  none
        2  minor
        3  major
        4  critical
      Choose 1-4 or type it: ",
        "Affected components:
        1  api  Public API
        2  web  Website
        3  db   Database
      Choose one or more (numbers or ids, separated by spaces): ",
        "Status of api (Public API):
        1  degraded_performance
        2  partial_outage
        3  major_outage
      Choose 1-3 or type it [major_outage]: ",
        "Status:
        1  investigating
        2  identified
        3  monitoring
        4  resolved
        5  postmortem
      Choose 1-5 or type it [investigating]: ",
        "Message (Markdown): ",
      ]
    `);
  });

  test('only missing values are asked for; flags given are checked first', async () => {
    const { code, questions } = await runIncident(
      dir,
      [
        'new',
        '--title',
        'Checkout errors',
        '--impact',
        'major',
        '--component',
        'api=down',
        '--component',
        'web',
      ],
      {
        answers: [
          'partial_outage',
          'investigating',
          'Payments fail at checkout. We are looking into it.',
        ],
      },
    );
    expect(code).toBe(0);
    expect(questions.map((q) => q.split('\n')[0])).toEqual([
      'Status of web (Website):',
      'Status:',
      'Message (Markdown): ',
    ]);
    expect(incidentText(dir, ID)).toContain('api: major_outage\n  web: partial_outage');
    const bad = await runIncident(dir, ['new', '--impact', 'huge'], { answers: ['x'] });
    expect(bad.code).toBe(2);
    expect(bad.questions).toEqual([]);
  });

  test('a wrong answer is explained and asked again', async () => {
    const answers = ['', 'Checkout errors', 'severe', 'major', 'apx', 'api=down', '', 'Looking.'];
    const { code, stderr, questions } = await runIncident(dir, ['new'], { answers });
    expect(code).toBe(0);
    expect(questions).toHaveLength(8);
    expect(stderr).toMatchInlineSnapshot(`
      "  An answer is needed.
        --impact "severe" is not allowed: use one of none, minor, major, critical
        --component "apx" is not a component in heliograph.yaml (did you mean "api"?); known components: api, web, db
      "
    `);
  });

  test('update and resolve ask for the incident among the unresolved ones', async () => {
    await runIncident(dir, NEW_FLAGS);
    const update = await runIncident(dir, ['update'], {
      answers: ['nope', '1', '2', 'Found it.'],
    });
    expect(update.code).toBe(0);
    expect(update.questions[0]).toBe(
      `Which incident:\n  1  ${ID}  Checkout errors\nChoose 1-1 or type it: `,
    );
    expect(update.stderr).toContain('no incident "nope"');
    expect(update.questions[2]).toContain('Choose 1-5 or type it [investigating]: ');
    const resolve = await runIncident(dir, ['resolve'], { answers: [ID] });
    expect(resolve.code).toBe(0);
    expect(incidentText(dir, ID)).toContain('status: resolved');
  });

  test('maintenance prompts list the components', async () => {
    const answers = [
      'Database upgrade',
      '2026-11-24T02:00:00+01:00',
      '+3d',
      'db 1',
      'New version.',
    ];
    const { code, questions } = await runIncident(dir, ['maintenance', 'new'], { answers });
    expect(code).toBe(0);
    expect(questions[3]).toContain('3  db   Database');
    expect(incidentTextOf(dir)).toContain('components:\n  - db\n  - api\n');
  });

  test('input ending before an answer stops with exit 2 and writes nothing', async () => {
    const { code, stderr } = await runIncident(dir, ['new'], { answers: ['Checkout errors'] });
    expect(code).toBe(2);
    expect(stderr).toContain('no answer for --impact: input ended, nothing written');
  });
});

describe('the readline prompt', () => {
  test('keeps lines typed ahead and shows each question', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const shown: string[] = [];
    output.on('data', (chunk: Buffer) => shown.push(chunk.toString()));
    input.end('first\nsecond\n');
    const lines = createLinePrompt({ input, output });
    expect(await lines.prompt('Title: ')).toBe('first');
    expect(await lines.prompt('Pick:\n  1  a\nChoose: ')).toBe('second');
    expect(await lines.prompt('More: ')).toBeUndefined();
    lines.close();
    expect(shown.join('')).toBe('Title: Pick:\n  1  a\nChoose: More: ');
  });
});

function incidentTextOf(content: string): string {
  return readFileSync(join(content, 'maintenance', '2026-11-24-database-upgrade.md'), 'utf8');
}
