/**
 * Malformed content, each file in test/fixtures/malformed/ through the real parsers: every problem
 * must name its file, the exact line and column, the field path and what is wrong, all at once.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig, parseConfig } from '../../src/lib/config/load.ts';
import { componentIds } from '../../src/lib/config/schema.ts';
import {
  ContentError,
  formatProblem,
  type Problem,
} from '../../src/lib/validation/friendly-errors.ts';
import { contentProblems } from '../../src/lib/content/check-folder.ts';
import { readMarkdownFolder } from '../../src/lib/content/loader.ts';
import { parseIncidentFile, parseMaintenanceFile } from '../../src/lib/content/parse-entry.ts';
import { buildExampleSite } from '../support/example-site.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'test/fixtures/malformed';
/** The components that incident and maintenance fixtures may refer to. */
const COMPONENTS: ReadonlySet<string> = new Set(['website', 'api', 'whatsapp']);

describe('heliograph.yaml', () => {
  test('a typo in a top-level key is named, with the key it was meant to be', () => {
    expect(configProblems('config-unknown-top-key.yaml')).toEqual([
      // The misspelt key leaves `components` missing: reported at the document it belongs in.
      at(
        'config-unknown-top-key.yaml',
        1,
        1,
        'components',
        'required field is missing (expected array)',
      ),
      at(
        'config-unknown-top-key.yaml',
        5,
        1,
        'compnents',
        'unknown field "compnents" (did you mean "components"?)',
      ),
    ]);
  });

  test('the error message lists each problem as file:line:column field: message', () => {
    const file = `${FIXTURES}/config-unknown-top-key.yaml`;
    const error = catchContentError(() => parseConfig(read('config-unknown-top-key.yaml'), file));
    expect(error.message).toBe(
      [
        '2 problems in content:',
        `  ${file}:1:1 components: required field is missing (expected array)`,
        `  ${file}:5:1 compnents: unknown field "compnents" (did you mean "components"?)`,
      ].join('\n'),
    );
  });

  test('an unknown key inside a component points at the key', () => {
    expect(configProblems('config-unknown-component-key.yaml')).toEqual([
      at(
        'config-unknown-component-key.yaml',
        10,
        5,
        'components[1].descripton',
        'unknown field "descripton" (did you mean "description"?)',
      ),
    ]);
  });

  test('a duplicate component id points at the second one', () => {
    expect(configProblems('config-duplicate-component-id.yaml')).toEqual([
      at('config-duplicate-component-id.yaml', 10, 9, 'components[2].id', 'duplicate id "website"'),
    ]);
  });

  test('a component in a group that does not exist lists the groups that do', () => {
    expect(configProblems('config-missing-group.yaml')).toEqual([
      at(
        'config-missing-group.yaml',
        19,
        12,
        'components[2].group',
        'no group with id "payment" (known ids: shop, delivery)',
      ),
    ]);
  });

  test('a channel that follows a missing component', () => {
    expect(configProblems('config-channel-missing-component.yaml')).toEqual([
      at(
        'config-channel-missing-component.yaml',
        19,
        16,
        'channels[1].component',
        'no component with id "telegram" (known ids: website, whatsapp)',
      ),
    ]);
  });

  test('a time zone that is not in the IANA database', () => {
    expect(configProblems('config-bad-time-zone.yaml')).toEqual([
      at(
        'config-bad-time-zone.yaml',
        5,
        14,
        'site.time_zone',
        'not an IANA time zone (e.g. Europe/Rome)',
      ),
    ]);
  });

  test('a locale that does not ship lists the ones that do', () => {
    expect(configProblems('config-bad-locale.yaml')).toEqual([
      at('config-bad-locale.yaml', 4, 11, 'site.locale', 'expected one of "en"|"it"|"fr"'),
    ]);
  });

  test('site.url with a path says to move the path into base', () => {
    expect(configProblems('config-url-with-path.yaml')).toEqual([
      at('config-url-with-path.yaml', 3, 8, 'site.url', 'put the path in `base`, not in `url`'),
    ]);
  });

  test('base without its trailing slash', () => {
    expect(configProblems('config-base-no-trailing-slash.yaml')).toEqual([
      at(
        'config-base-no-trailing-slash.yaml',
        4,
        9,
        'site.base',
        'use a path that starts and ends with "/", such as /status/',
      ),
    ]);
  });

  test('a check of an unknown type points at its type and lists the known ones', () => {
    expect(configProblems('config-unknown-check-type.yaml')).toEqual([
      at(
        'config-unknown-check-type.yaml',
        17,
        15,
        'components[1].checks[1].type',
        "Expected 'http' | 'tcp' | 'dns' | 'tls' | 'statuspage'",
      ),
    ]);
  });

  test('an http check whose body_regex does not compile', () => {
    expect(configProblems('config-bad-body-regex.yaml')).toEqual([
      at(
        'config-bad-body-regex.yaml',
        11,
        21,
        'components[0].checks[0].body_regex',
        'not a valid regular expression',
      ),
    ]);
  });

  test('an unclosed quote is reported where the quote opens, not at the end of the file', () => {
    expect(configProblems('config-yaml-syntax-error.yaml')).toEqual([
      at('config-yaml-syntax-error.yaml', 7, 11, '', 'YAML syntax error: Missing closing "quote'),
    ]);
  });

  test('a key given twice in one mapping points at the second', () => {
    expect(configProblems('config-duplicate-yaml-key.yaml')).toEqual([
      at('config-duplicate-yaml-key.yaml', 5, 3, '', 'YAML duplicate key: Map keys must be unique'),
    ]);
  });

  test('every problem of a file is reported at once, in file order', () => {
    const file = 'config-many-errors.yaml';
    const problems = configProblems(file);
    expect(problems).toHaveLength(10);
    expect(problems).toEqual([
      at(file, 2, 10, 'site.title', 'expected string to have >=1 characters'),
      at(file, 3, 8, 'site.url', 'use an absolute http(s) URL such as https://status.example.com'),
      at(file, 5, 14, 'site.time_zone', 'not an IANA time zone'),
      at(file, 7, 9, 'groups[0].id', 'use lower-case letters, digits and dashes'),
      at(file, 14, 14, 'components[0].checks[0].url', 'not a valid URL'),
      at(file, 14, 14, 'components[0].checks[0].url', 'use an http:// or https:// URL'),
      at(file, 15, 24, 'components[0].checks[0].max_redirects', 'expected number to be <=20'),
      at(
        file,
        18,
        28,
        'components[1].only_show_if_degraded',
        'expected true or false: YAML reads yes as text, so write only_show_if_degraded: true',
      ),
      at(file, 20, 21, 'probe.interval_minutes', 'expected number to be >=1'),
      at(file, 21, 3, 'probe.colour', 'unknown field "colour"'),
    ]);
  });

  describe('indentation, explained by the keys around the mistake', () => {
    test('a key indented under a key that already has its value', () => {
      expect(configProblems('config-indentation-under-value.yaml')).toEqual([
        exactly(
          'config-indentation-under-value.yaml',
          4,
          5,
          '',
          '"time_zone" is indented more than "url" on line 3, but "url" has its value on that line, so nothing can go under it: indent "time_zone" by 2 spaces, like "url", to keep it under "site"',
        ),
      ]);
    });

    test('a key that slipped out of its list item', () => {
      expect(configProblems('config-indentation-out-of-item.yaml')).toEqual([
        exactly(
          'config-indentation-out-of-item.yaml',
          8,
          4,
          '',
          '"group" is indented by 3 spaces, unlike the keys around it: indent it by 4 spaces, like "id" on line 6, to keep it in the same item of "components"',
        ),
      ]);
    });

    test('a key too deep inside a check', () => {
      expect(configProblems('config-indentation-check.yaml')).toEqual([
        exactly(
          'config-indentation-check.yaml',
          11,
          11,
          '',
          '"max_response_ms" is indented more than "url" on line 10, but "url" has its value on that line, so nothing can go under it: indent "max_response_ms" by 8 spaces, like "url", to keep it in the same item of "checks"',
        ),
      ]);
    });

    test('a list item among the keys of the item above it', () => {
      expect(configProblems('config-indentation-list-item.yaml')).toEqual([
        exactly(
          'config-indentation-list-item.yaml',
          8,
          5,
          '',
          'the list item "- id: ordering" is indented by 4 spaces: indent it by 2 spaces, like the item on line 6, to make it another item of "components"',
        ),
      ]);
    });

    test('a key one space short, and nothing said of the lines it upsets', () => {
      expect(configProblems('config-indentation-dedent.yaml')).toEqual([
        exactly(
          'config-indentation-dedent.yaml',
          3,
          2,
          '',
          '"url" is indented by 1 space, unlike the keys around it: indent it by 2 spaces, like "title" on line 2, to keep it under "site"',
        ),
      ]);
    });

    test('a tab', () => {
      expect(configProblems('config-indentation-tab.yaml')).toEqual([
        exactly(
          'config-indentation-tab.yaml',
          2,
          1,
          '',
          'line 2 is indented with a tab: YAML takes spaces only (two per level)',
        ),
      ]);
    });

    test('a colon inside a value: put it in quotes', () => {
      expect(configProblems('config-colon-in-value.yaml')).toEqual([
        exactly(
          'config-colon-in-value.yaml',
          2,
          3,
          '',
          'the value of "title" contains ": ", which YAML reads as the start of another key: put the value in quotes, title: "Forno Aurora: status"',
        ),
      ]);
    });
  });

  test('type slips: one value for a list is taken as the list; the others say what to write', () => {
    const file = 'config-type-slips.yaml';
    expect(configProblems(file)).toEqual([
      exactly(
        file,
        7,
        11,
        'components[0].name',
        'expected text, but YAML reads 2024 as a number: put it in quotes, name: "2024"',
      ),
      exactly(
        file,
        8,
        28,
        'components[0].only_show_if_degraded',
        'expected true or false: YAML reads yes as text, so write only_show_if_degraded: true',
      ),
      exactly(
        file,
        13,
        26,
        'components[0].checks[0].timeout_seconds',
        "expected a plain number, the unit being in the field's name: write timeout_seconds: 5",
      ),
      exactly(
        file,
        16,
        15,
        'components[0].checks[1].port',
        'expected a number, but the quotes make it text: write port: 25',
      ),
      exactly(
        file,
        22,
        12,
        'channels[0].label',
        'expected text, but YAML reads 0612345678 as a number: put it in quotes, label: "0612345678"',
      ),
      exactly(
        file,
        23,
        8,
        'probe',
        'expected fields, one "key: value" per line indented under "probe", not the value "fast"',
      ),
    ]);
    // `expect_status: 200` (line 12) is no problem: it reads as [200].
    const fixed = read(file)
      .replace('name: 2024', 'name: "2024"')
      .replace('yes', 'true')
      .replace('5s', '5')
      .replace('"25"', '25')
      .replace('label: 0612345678', 'label: "0612345678"')
      .replace('probe: fast\n', '');
    const config = parseConfig(fixed, file);
    expect(config.components[0]!.checks[0]).toMatchObject({ type: 'http', expect_status: [200] });
  });

  test('"did you mean" for a near key at every level', () => {
    const file = 'config-near-keys.yaml';
    const unknown = configProblems(file).filter((p) => p.message.startsWith('unknown field'));
    expect(unknown.map(({ line, column, field, message }) => ({ line, column, field, message }))).toEqual([
      { line: 5, column: 3, field: 'site.titel', message: 'unknown field "titel" (did you mean "title"?)' },
      {
        line: 12,
        column: 9,
        field: 'components[0].checks[0].timeout',
        message: 'unknown field "timeout" (did you mean "timeout_seconds"?)',
      },
      {
        line: 13,
        column: 31,
        field: 'components[0].checks[0].json.equal',
        message: 'unknown field "equal" (did you mean "equals"?)',
      },
      {
        line: 16,
        column: 13,
        field: 'notifications[0].smtp.hots',
        message: 'unknown field "hots" (did you mean "host"?)',
      },
      {
        line: 20,
        column: 3,
        field: 'probe.interval',
        message: 'unknown field "interval" (did you mean "interval_minutes"?)',
      },
      {
        line: 23,
        column: 3,
        field: 'subscriptions.show_counts',
        message: 'unknown field "show_counts" (did you mean "show_count"?)',
      },
    ]);
  });

  test('a key near none names the fields of its kind of item', () => {
    const text = `${read('config-channel-missing-component.yaml')}notifications:\n  - kind: telegram\n    token: \${T}\n    chat: "@c"\n    colour: red\n`;
    const problems = catchContentError(() => parseConfig(text, 'heliograph.yaml')).problems;
    expect(problems.map(formatProblem)).toEqual([
      '  heliograph.yaml:19:16 channels[1].component: no component with id "telegram" (known ids: website, whatsapp)',
      '  heliograph.yaml:24:5 notifications[0].colour: unknown field "colour" (known fields here: kind, id, events, horizon_hours, token, chat, api_base)',
    ]);
  });

  test('schema and reference problems in one pass, each reference with the known ids', () => {
    const file = 'config-all-at-once.yaml';
    expect(configProblems(file)).toEqual([
      exactly(
        file,
        11,
        12,
        'components[0].group',
        'no group with id "shopp" (did you mean "shop"? known ids: shop)',
      ),
      exactly(file, 14, 14, 'components[0].checks[0].url', 'not a valid URL'),
      exactly(file, 14, 14, 'components[0].checks[0].url', 'use an http:// or https:// URL'),
      exactly(
        file,
        22,
        16,
        'channels[0].component',
        'no component with id "phone" (did you mean "phone-line"? known ids: website, phone-line)',
      ),
    ]);
  });

  describe('loadConfig', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    test('names heliograph.yaml by its path from the working directory', () => {
      const content = mkdtempSync(join(tmpdir(), 'heliograph-malformed-'));
      dir = content;
      copyFileSync(
        join(ROOT, FIXTURES, 'config-bad-locale.yaml'),
        join(content, 'heliograph.yaml'),
      );
      const error = catchContentError(() => loadConfig(content));
      // Outside the working folder, files are named by their absolute path.
      const file = join(content, 'heliograph.yaml');
      expect(error.problems).toEqual([
        {
          file,
          line: 4,
          column: 11,
          field: 'site.locale',
          message: expect.stringContaining('"en"|"it"|"fr"') as string,
        },
      ]);
    });
  });
});

describe('incident files', () => {
  test('a missing title is reported at the start of the front matter', () => {
    expect(incidentProblems('incident-missing-title.md')).toEqual([
      at('incident-missing-title.md', 2, 1, 'title', 'required field is missing (expected string)'),
    ]);
  });

  test('an impact that does not exist lists the ones that do', () => {
    expect(incidentProblems('incident-bad-impact.md')).toEqual([
      at(
        'incident-bad-impact.md',
        3,
        9,
        'impact',
        'expected one of "none"|"minor"|"major"|"critical"',
      ),
    ]);
  });

  test('an update time without a zone', () => {
    expect(incidentProblems('incident-timestamp-without-zone.md')).toEqual([
      at(
        'incident-timestamp-without-zone.md',
        8,
        9,
        'updates[1].at',
        'use an ISO 8601 time with a zone, e.g. 2026-10-04T17:40:00+02:00',
      ),
    ]);
  });

  test('unknown components, at the top and in an update, point at their keys', () => {
    expect(incidentProblems('incident-unknown-component.md')).toEqual([
      at(
        'incident-unknown-component.md',
        6,
        3,
        'components.whatsup',
        'no component with id "whatsup" in heliograph.yaml',
      ),
      at(
        'incident-unknown-component.md',
        15,
        7,
        'updates[1].components.telegram',
        'no component with id "telegram" in heliograph.yaml',
      ),
    ]);
  });

  test('an impact that does not exist and an unknown component, in one pass', () => {
    expect(incidentProblems('incident-all-at-once.md')).toEqual([
      exactly(
        'incident-all-at-once.md',
        3,
        9,
        'impact',
        'Invalid option: expected one of "none"|"minor"|"major"|"critical"',
      ),
      exactly(
        'incident-all-at-once.md',
        5,
        3,
        'components.whatsup',
        'no component with id "whatsup" in heliograph.yaml (did you mean "whatsapp"? known ids: website, api, whatsapp)',
      ),
    ]);
  });

  test('an update status that does not exist', () => {
    expect(incidentProblems('incident-unknown-update-status.md')).toEqual([
      at(
        'incident-unknown-update-status.md',
        9,
        13,
        'updates[1].status',
        'expected one of "investigating"|"identified"|"monitoring"|"resolved"|"postmortem"',
      ),
    ]);
  });

  test('a file without front matter says how front matter looks', () => {
    expect(incidentProblems('incident-no-front-matter.md')).toEqual([
      at(
        'incident-no-front-matter.md',
        1,
        1,
        '',
        'missing front matter: the file must start with a line "---"',
      ),
    ]);
  });

  test('a YAML syntax error in front matter counts lines from the top of the file', () => {
    expect(incidentProblems('incident-front-matter-syntax-error.md')).toEqual([
      at(
        'incident-front-matter-syntax-error.md',
        7,
        28,
        '',
        'YAML syntax error: Flow sequence in block collection',
      ),
    ]);
  });
});

describe('maintenance files', () => {
  test('an end before the start points at the end', () => {
    expect(maintenanceProblems('maintenance-end-before-start.md')).toEqual([
      at('maintenance-end-before-start.md', 4, 6, 'end', 'the end must be after the start'),
    ]);
  });

  test('an unknown component points at the list item', () => {
    expect(maintenanceProblems('maintenance-unknown-component.md')).toEqual([
      at(
        'maintenance-unknown-component.md',
        7,
        5,
        'components[1]',
        'no component with id "database" in heliograph.yaml',
      ),
    ]);
  });
});

describe('readMarkdownFolder', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  test('reports a file name that is not an id together with the problems of the other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heliograph-malformed-'));
    root = dir;
    writeFileSync(
      join(dir, 'heliograph.yaml'),
      [
        'site:',
        '  title: Folder status',
        '  url: https://status.example.com',
        '  time_zone: Europe/Rome',
        'components:',
        '  - id: website',
        '    name: Website',
        '',
      ].join('\n'),
    );
    const incidents = join(dir, 'incidents');
    mkdirSync(incidents);
    copyFileSync(
      join(ROOT, FIXTURES, 'Incident_Bad_Name.md'),
      join(incidents, 'Incident_Bad_Name.md'),
    );
    copyFileSync(join(ROOT, FIXTURES, 'incident-bad-impact.md'), join(incidents, 'bad-impact.md'));
    writeFileSync(join(incidents, 'notes.txt'), 'not Markdown, so not an entry');
    const shown = (name: string): string => join(incidents, name);

    const error = catchContentError(() =>
      readMarkdownFolder({
        root: dir,
        folder: 'incidents',
        parse: parseIncidentFile,
        components: componentIds(loadConfig(dir)),
      }),
    );
    // Sorted by file name, as the files are listed.
    expect(error.problems).toEqual([
      {
        file: shown('bad-impact.md'),
        line: 3,
        column: 9,
        field: 'impact',
        message: expect.stringContaining(
          'expected one of "none"|"minor"|"major"|"critical"',
        ) as string,
      },
      {
        file: shown('Incident_Bad_Name.md'),
        line: 1,
        column: 1,
        field: '',
        message: 'file names become ids: use lower-case letters, digits and dashes, ending .md',
      },
    ]);
  });
});

describe('contentProblems: a content folder in one pass', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  test('the configuration and the entries together, entries checked against the ids as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heliograph-malformed-'));
    root = dir;
    copyFileSync(join(ROOT, FIXTURES, 'config-all-at-once.yaml'), join(dir, 'heliograph.yaml'));
    mkdirSync(join(dir, 'incidents'));
    mkdirSync(join(dir, 'maintenance'));
    // phone-line is a component although the file has problems; phne is none.
    writeFileSync(
      join(dir, 'incidents', 'phone-down.md'),
      '---\ntitle: Phone down\nimpact: major\ncomponents:\n  phone-line: major_outage\n  phne: major_outage\nupdates:\n  - at: 2026-11-20T10:00:00Z\n    status: investigating\n    text: Down.\n---\n',
    );
    // A valid file that names one with problems: the name is checked against every file there.
    writeFileSync(
      join(dir, 'incidents', 'phone-again.md'),
      '---\ntitle: Phone again\nimpact: minor\nupdates: []\nmerged_into: phone-dwn\n---\n',
    );
    writeFileSync(
      join(dir, 'maintenance', 'move.md'),
      '---\ntitle: Move\nstart: 2026-11-25T02:00:00Z\nend: 2026-11-25T03:00:00Z\ncomponents: [websit]\n---\nMoving.\n',
    );
    const shown = (path: string): string => join(dir, path);
    expect(contentProblems(dir).map(formatProblem)).toEqual([
      `  ${shown('heliograph.yaml')}:11:12 components[0].group: no group with id "shopp" (did you mean "shop"? known ids: shop)`,
      `  ${shown('heliograph.yaml')}:14:14 components[0].checks[0].url: not a valid URL`,
      `  ${shown('heliograph.yaml')}:14:14 components[0].checks[0].url: use an http:// or https:// URL`,
      `  ${shown('heliograph.yaml')}:22:16 channels[0].component: no component with id "phone" (did you mean "phone-line"? known ids: website, phone-line)`,
      `  ${shown('incidents/phone-again.md')}:5:14 merged_into: no incident with id "phone-dwn" in incidents/ (did you mean "phone-down"? known ids: phone-again, phone-down)`,
      `  ${shown('incidents/phone-down.md')}:6:3 components.phne: no component with id "phne" in heliograph.yaml (known ids: website, phone-line)`,
      `  ${shown('maintenance/move.md')}:5:14 components[0]: no component with id "websit" in heliograph.yaml (did you mean "website"? known ids: website, phone-line)`,
    ]);
  });
});

describe('a build', () => {
  test('fails on a malformed incident, naming its file, line and field', async () => {
    let content: string | undefined;
    const error = await buildExampleSite({
      adjust: (dir) => {
        content = dir;
        writeFileSync(
          join(dir, 'incidents', 'broken-incident.md'),
          [
            '---',
            'title: A broken incident',
            'impact: severe',
            'updates:',
            '  - at: 2026-11-20T10:00:00Z',
            '    status: investigating',
            '    text: The impact above does not exist.',
            '---',
            '',
          ].join('\n'),
        );
      },
    }).then(
      () => expect.unreachable('the build should have failed'),
      (e: unknown) => e as Error,
    );
    // The content sits outside the project, so the file is named by its absolute path.
    const file = join(content!, 'incidents', 'broken-incident.md');
    expect(error.message).toContain('1 problem in content:');
    expect(error.message).toContain(
      `${file}:3:9 impact: Invalid option: expected one of "none"|"minor"|"major"|"critical"`,
    );
    // A failed build leaves no site behind.
    expect(existsSync(content!)).toBe(false);
  }, 180_000);
});

// Helpers

function read(name: string): string {
  return readFileSync(join(ROOT, FIXTURES, name), 'utf8');
}

/** The expected problem in a fixture; the message need only contain `message`. */
function at(name: string, line: number, column: number, field: string, message: string): Problem {
  return {
    file: `${FIXTURES}/${name}`,
    line,
    column,
    field,
    message: expect.stringContaining(message) as string,
  };
}

/** The expected problem in a fixture, its message word for word. */
function exactly(
  name: string,
  line: number,
  column: number,
  field: string,
  message: string,
): Problem {
  return { file: `${FIXTURES}/${name}`, line, column, field, message };
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

function configProblems(name: string): Problem[] {
  return catchContentError(() => parseConfig(read(name), `${FIXTURES}/${name}`)).problems;
}

function incidentProblems(name: string): Problem[] {
  const parsed = parseIncidentFile(read(name), `${FIXTURES}/${name}`, COMPONENTS);
  return parsed.ok ? [] : parsed.problems;
}

function maintenanceProblems(name: string): Problem[] {
  const parsed = parseMaintenanceFile(read(name), `${FIXTURES}/${name}`, COMPONENTS);
  return parsed.ok ? [] : parsed.problems;
}
