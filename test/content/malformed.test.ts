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
import { ContentError, type Problem } from '../../src/lib/validation/friendly-errors.ts';
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
        'no group with id "payment" (known: shop, delivery)',
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
        'no component with id "telegram"',
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
      at(file, 18, 28, 'components[1].only_show_if_degraded', 'expected boolean, received string'),
      at(file, 20, 21, 'probe.interval_minutes', 'expected number to be >=1'),
      at(file, 21, 3, 'probe.colour', 'unknown field "colour"'),
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
