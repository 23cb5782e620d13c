/**
 * Every command's `--help`: it exits 0 with a usage that lists each option on a line of its own,
 * with what it does, and at least one example; bad usage prints the same text on stderr and exits
 * 2. The commands over src/lib run in process; the scripts that parse their own command line run
 * as child processes, as `npm run` runs them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commandUsage, incidentMain } from '../../src/lib/editor/cli.ts';
import { syncMain } from '../../src/lib/github/sync-cli.ts';
import { notifyMain } from '../../src/lib/notify/cli.ts';
import { probeMain } from '../../src/lib/probe/cli.ts';

const ROOT = join(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

type Main = (argv: string[]) => Promise<Run>;

/** Runs a `*Main` function with captured output and an environment with nothing in it. */
function inProcess(
  main: (
    argv: string[],
    deps: { stdout: (t: string) => void; stderr: (t: string) => void },
  ) => Promise<number>,
): Main {
  return async (argv) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
}

const MAINS: Record<string, Main> = {
  probe: inProcess((argv, io) =>
    probeMain(argv, { ...io, env: {}, now: () => 0, runner: () => Promise.reject(new Error()) }),
  ),
  sync: inProcess((argv, io) => syncMain(argv, { ...io, env: {} })),
  notify: inProcess((argv, io) => notifyMain(argv, { ...io, env: {}, now: () => 0 })),
  incident: inProcess((argv, io) =>
    incidentMain(argv, {
      ...io,
      contentDir: join(ROOT, 'content'),
      now: () => 0,
      isTTY: false,
      prompt: () => Promise.resolve(undefined),
    }),
  ),
};

/** What each script's command line gave, by `[name, ...argv]`. */
const scriptRuns = new Map<string, Run>();

/**
 * Runs a script as `npm run` does (Node runs the TypeScript as is). A command line already run is
 * not run again: its result is the one it had (each run costs a Node start).
 */
function script(name: string): Main {
  return (argv) => {
    const key = JSON.stringify([name, ...argv]);
    let result = scriptRuns.get(key);
    if (!result) {
      const run = spawnSync(process.execPath, [join(ROOT, 'scripts', `${name}.ts`), ...argv], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      });
      result = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
      scriptRuns.set(key, result);
    }
    return Promise.resolve(result);
  };
}

/** The long flags a usage lists under "Options:", in order; fails on a line that is not one. */
function optionsOf(usage: string): string[] {
  const block = /\nOptions:\n([\s\S]*?)\n\n/.exec(usage)?.[1];
  expect(block, 'an Options: block').toBeDefined();
  return block!.split('\n').map((line) => {
    // Two spaces, an optional short form, the flag and its value's name, two spaces or more, words.
    const match = /^ {2}(?:-[a-z], )?(--[a-z-]+)(?: [A-Z][A-Z=/.]*)? {2,}\S.*$/.exec(line);
    expect(match, `an option line: "${line}"`).not.toBeNull();
    return match![1]!;
  });
}

/** Checks the shape every usage shares and returns the flags it lists. */
function expectUsage(usage: string, command: string): string[] {
  expect(usage).toMatch(new RegExp(`^Usage: npm (run ${command} |start)`));
  expect(usage).toMatch(/\nExamples?:\n {2}npm /);
  const flags = optionsOf(usage);
  expect(flags.at(-1)).toBe('--help');
  return flags;
}

/** The probe's options to commit and push a run (the loop mode's, and `--push`). */
const PUBLISH = [
  '--push',
  '--no-push',
  '--remote',
  '--branch',
  '--attempts',
  '--commit-name',
  '--commit-email',
];

/** Each command, how to run it, and the flags its help must list (besides --help). */
const COMMANDS: [name: string, args: string[], run: Main, flags: string[]][] = [
  [
    'probe',
    [],
    MAINS['probe']!,
    [
      '--content',
      '--dry-run',
      '--only',
      '--shard',
      '--json',
      '--results-out',
      '--every',
      ...PUBLISH,
    ],
  ],
  ['probe', ['merge'], MAINS['probe']!, ['--content', '--dry-run', ...PUBLISH]],
  ['sync', [], MAINS['sync']!, ['--repo', '--content', '--api-url', '--issue', '--dry-run']],
  ['notify', [], MAINS['notify']!, ['--content', '--only', '--test', '--dry-run']],
  ['incident', [], MAINS['incident']!, ['--content']],
  [
    'incident',
    ['new'],
    MAINS['incident']!,
    [
      '--title',
      '--impact',
      '--component',
      '--status',
      '--message',
      '--at',
      '--started',
      '--id',
      '--template',
    ],
  ],
  ['incident', ['update'], MAINS['incident']!, ['--status', '--message', '--component', '--at']],
  ['incident', ['resolve'], MAINS['incident']!, ['--message', '--at']],
  ['incident', ['list'], MAINS['incident']!, ['--all']],
  ['incident', ['merge'], MAINS['incident']!, []],
  ['incident', ['templates'], MAINS['incident']!, []],
  [
    'incident',
    ['maintenance', 'new'],
    MAINS['incident']!,
    ['--title', '--start', '--end', '--component', '--message', '--id'],
  ],
  [
    'push',
    [],
    script('push'),
    [
      '--content',
      '--remote',
      '--branch',
      '--attempts',
      '--commit',
      '--commit-name',
      '--commit-email',
    ],
  ],
  ['probe-matrix', [], script('probe-matrix'), ['--content']],
  ['simulate', [], script('simulate'), ['--checks', '--days', '--interval', '--keep']],
  ['bench', [], script('bench'), ['--only', '--keep', '--seed']],
  ['example', [], script('example'), ['--out', '--now', '--seed']],
  ['start', [], script('start'), ['--content', '--port']],
  ['issue-form', [], script('issue-form'), ['--content', '--out', '--check']],
  ['screenshot', [], script('screenshot'), ['--out', '--now', '--scheme']],
];

describe.each(COMMANDS)('%s %j', (name, args, run, flags) => {
  test('--help: exit 0, every option on a line of its own, an example', async () => {
    const help = await run([...args, '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    const listed = expectUsage(help.stdout, name);
    expect(listed.filter((f) => f !== '--help').sort()).toEqual(
      [...flags, ...(name === 'incident' && args.length ? ['--content'] : [])].sort(),
    );
    if (name === 'incident' && args.length) expect(help.stdout).toBe(commandUsage(args.join(' ')));
  });

  test('a flag it does not know: exit 2, the problem, then the same usage on stderr', async () => {
    const help = (await run([...args, '--help'])).stdout;
    const bad = await run([...args, '--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^[a-z-]+: Unknown option '--frobnicate'\n\n/);
    // The editor tells of a parse error before it knows the command: its overview, then.
    expect(bad.stderr.endsWith(name === 'incident' ? (await run(['--help'])).stdout : help)).toBe(
      true,
    );
  });
});

test('every flag the probe help lists is one its parser takes', async () => {
  for (const [args, flags] of [
    [[], ['--content', '--dry-run', '--only', '--shard', '--json', '--results-out']],
    [['merge'], ['--content', '--dry-run']],
  ] as const) {
    const help = (await MAINS['probe']!([...args, '--help'])).stdout;
    for (const flag of flags) {
      const takesValue = new RegExp(`^ {2}${flag} [A-Z]`, 'm').test(help);
      const run = await MAINS['probe']!([...args, flag, ...(takesValue ? ['x'] : []), '--help']);
      expect(run.code, `${flag} ${args.join(' ')}`).toBe(0);
    }
  }
});

test('a value out of range is bad usage too: the problem, then the usage', async () => {
  const cases: [Main, string[], RegExp][] = [
    [MAINS['sync']!, ['--repo', 'acme/status', '--issue', 'x'], /^sync: --issue takes an issue/],
    [MAINS['probe']!, ['--content', join(ROOT, 'content'), '--shard', '5/4'], /^probe: /],
    [script('push'), ['--attempts', '0'], /^push: --attempts "0": expected a whole number/],
    [script('example'), ['--now', 'yesterday'], /^example: --now "yesterday" is not an ISO/],
    [script('bench'), ['--only', 'everything'], /^bench: --only "everything": use weight/],
    [script('start'), ['--port', 'http'], /^start: --port "http" is not a port number/],
  ];
  for (const [run, args, message] of cases) {
    const result = await run(args);
    const help = (await run(['--help'])).stdout;
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.endsWith(`\n\n${help}`), args.join(' ')).toBe(true);
  }
});
