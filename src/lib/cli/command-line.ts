/**
 * The command lines of Heliograph's commands (`npm run probe`, `sync`, `notify`, …), read one way:
 * each command describes its options once — how they parse and one line of help each — and gets
 * from that its `--help` text and its parser. `--help` prints the usage on stdout and exits 0; a
 * flag or value the parser refuses prints the problem, then the same usage, on stderr and exits 2.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** One option: how it parses and the line of help beside it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times; the values are collected in order. */
  multiple?: boolean;
  /** One-letter alias (`-h`). */
  short?: string;
  default?: string | boolean;
  /** The value's name in the help (`DIR`, `N`); string options only. */
  value?: string;
  /** What the option does, in one line. */
  help: string;
}

/** A command as its `--help` shows it. */
export interface CommandSpec {
  /** How it is run, one form per line: `npm run sync -- [options]`. */
  usage: readonly string[];
  /** What it does, in a sentence or two. */
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Command lines that work as written; a line ending with `\` goes on on the next one. */
  examples: readonly string[];
  /** Lines after the examples: the environment it reads, its exit codes. */
  notes?: readonly string[];
}

/** Every command takes `--help`; it is added to each spec's options. */
export const HELP_OPTION = {
  type: 'boolean',
  short: 'h',
  help: 'print this help and exit',
} as const satisfies OptionSpec;

/** `--content DIR`: the content folder every command over `content/` reads. */
export const CONTENT_OPTION = {
  type: 'string',
  default: 'content',
  value: 'DIR',
  help: 'the content folder (default: content)',
} as const satisfies OptionSpec;

/** The option lines (`  --content DIR   the content folder`) of a set of options. */
export function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const all: Record<string, OptionSpec> = { ...options, help: HELP_OPTION };
  const left = Object.entries(all).map(
    ([name, o]) =>
      `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
  );
  const width = Math.max(...left.map((l) => l.length)) + 3;
  return Object.values(all).map((o, i) => {
    const repeat = o.multiple ? ' (may be repeated)' : '';
    return `  ${left[i]!.padEnd(width)}${o.help}${repeat}`;
  });
}

/** The `--help` text of a command. */
export function formatUsage(spec: CommandSpec): string {
  const [first, ...more] = spec.usage;
  // A line ending with a backslash goes on on the next one: one example over several lines.
  const examples = spec.examples.filter((_, i) => !spec.examples[i - 1]?.endsWith('\\')).length;
  return [
    `Usage: ${first ?? ''}`,
    ...more.map((line) => `       ${line}`),
    '',
    spec.summary,
    '',
    'Options:',
    ...optionLines(spec.options),
    '',
    examples === 1 ? 'Example:' : 'Examples:',
    ...spec.examples.map((line) => `  ${line}`),
    ...(spec.notes?.length ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

/** Where a command writes. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** What `parseArgs` makes of a spec's options (with `--help`). */
type Parsed<O extends CommandSpec['options']> = ReturnType<
  typeof parseArgs<{
    options: O & { help: typeof HELP_OPTION };
    allowPositionals: true;
    strict: true;
  }>
>;

/** A command line read: the values to run with, or the exit code when help or a problem ended it. */
export type CommandLine<O extends CommandSpec['options']> =
  { ok: true; values: Parsed<O>['values']; positionals: string[] } | { ok: false; code: 0 | 2 };

/**
 * Reads a command line against a spec. `--help` (or `-h`) prints the usage and ends with 0; an
 * unknown flag, a missing value or a stray argument (when `positionals` is false) is a usage error.
 */
export function readCommandLine<const S extends CommandSpec>(
  argv: readonly string[],
  spec: S,
  io: CommandIo & {
    /** The command's name, the first word of an error (`sync: …`). */
    name: string;
    /** Whether it takes arguments besides flags (`probe merge FILE…`). */
    positionals?: boolean;
  },
): CommandLine<S['options']> {
  const usage = formatUsage(spec);
  const options: ParseArgsOptionsConfig = { ...spec.options, help: HELP_OPTION };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`${io.name}: ${parseProblem(error)}\n\n${usage}`);
    return { ok: false, code: 2 };
  }
  if (parsed.values['help']) {
    io.stdout(usage);
    return { ok: false, code: 0 };
  }
  if (!io.positionals && parsed.positionals.length) {
    io.stderr(`${io.name}: unexpected argument "${parsed.positionals[0]}"\n\n${usage}`);
    return { ok: false, code: 2 };
  }
  // parseArgs has checked every value against the spec's options; this only gives back the types
  // it computes from them, which the spread into `options` above hid.
  const values = parsed.values as Parsed<S['options']>['values'];
  return { ok: true, values, positionals: parsed.positionals };
}

/** Reports a usage problem found after parsing (a value out of range): the message, then the usage. */
export function usageError(
  io: CommandIo & { name: string },
  spec: CommandSpec,
  message: string,
): 2 {
  io.stderr(`${io.name}: ${message}\n\n${formatUsage(spec)}`);
  return 2;
}

/**
 * parseArgs's message without its advice on positionals starting with a dash, which none of these
 * commands take: `Unknown option '--titel'` is the whole story.
 */
export function parseProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\. To specify a positional argument[\s\S]*$/, '');
}
