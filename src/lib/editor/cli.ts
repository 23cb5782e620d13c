/**
 * `npm run incident`: post incidents and maintenance as content files, from flags or, on a
 * terminal, from answers to questions. Everything it touches (content folder, clock, streams,
 * terminal) comes in through `EditorDeps`, so tests run it whole, in process.
 *
 * Exit codes: 0 done (a warning may have been printed); 1 the content does not allow it (invalid
 * configuration or file, unknown incident, id taken); 2 bad usage (unknown command or flag, a
 * missing or wrong value).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, parseArgs } from 'node:util';
import { CONTENT_OPTION, formatUsage, parseProblem } from '../cli/command-line.ts';
import { CONFIG_FILE, loadConfig } from '../config/load.ts';
import { ContentError, displayPath } from '../validation/friendly-errors.ts';
import { HEALTH_STATUSES, IMPACTS, INCIDENT_STATUSES } from '../status.ts';
import { createAsker } from './ask.ts';
import type { EditorDeps, EditorRun, EditorValues } from './context.ts';
import { EditorError, UsageError } from './errors.ts';
import { listIncidents } from './list-incidents.ts';
import { mergeIncident } from './merge-incident.ts';
import { listTemplates } from './templates.ts';
import { newIncident } from './new-incident.ts';
import { newMaintenance } from './new-maintenance.ts';
import { didYouMean } from '../text/closest.ts';
import { resolveIncident, updateIncident } from './update-incident.ts';

/** Every flag of every command; which command takes which is in COMMANDS. */
const OPTIONS = {
  title: { type: 'string' },
  impact: { type: 'string' },
  component: { type: 'string', multiple: true },
  status: { type: 'string' },
  message: { type: 'string' },
  at: { type: 'string' },
  started: { type: 'string' },
  id: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  all: { type: 'boolean' },
  template: { type: 'string' },
  content: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;

interface Command {
  /** What it does, for its `--help`. */
  summary: string;
  /** A command line that works as written, for its `--help` (lines ending with `\` go on). */
  example: readonly string[];
  flags: readonly Flag[];
  /** Help of a flag that means something else here than in FLAG_HELP. */
  help?: Partial<Record<Flag, FlagHelp>>;
  /** Takes an incident id after the command name. */
  takesId?: boolean;
  /** Takes every word after the command name as an incident id. */
  takesIds?: boolean;
  /** Runs it; a number is the exit code when it is not 0. */
  run: (
    run: EditorRun,
    id: string | undefined,
    values: EditorValues,
    ids: readonly string[],
  ) => Promise<number | void>;
}

const COMMANDS: Record<string, Command> = {
  new: {
    summary:
      'Opens an incident: writes content/incidents/<id>.md. Off a terminal, --title, --impact,\n--component, --status and --message are required; on one, missing values are asked for.',
    example: [
      'npm run incident -- new --title "Checkout errors" --impact major \\',
      '  --component ordering=major_outage --status investigating --message "Orders fail at checkout."',
    ],
    flags: ['title', 'impact', 'component', 'status', 'message', 'at', 'started', 'id', 'template'],
    run: async (run, _id, values) => void (await newIncident(run, values)),
  },
  update: {
    summary:
      "Posts an update to an incident; a component's status may change with it. Off a terminal, the\nid, --status and --message are required; on one, missing values are asked for.",
    example: [
      'npm run incident -- update 2026-11-21-checkout-errors --status identified \\',
      '  --message "A faulty release; rolling back." --component ordering=partial_outage',
    ],
    flags: ['status', 'message', 'component', 'at'],
    takesId: true,
    run: (run, id, values) => updateIncident(run, id, values),
  },
  resolve: {
    summary:
      'Posts the update that resolves an incident. Without --message it says "This incident has been\nresolved.", in the site\'s language.',
    example: [
      'npm run incident -- resolve 2026-11-21-checkout-errors --message "Orders work again."',
    ],
    flags: ['message', 'at'],
    takesId: true,
    run: (run, id, values) => resolveIncident(run, id, values),
  },
  merge: {
    summary:
      'Joins other incidents into the first: every update in time order, the components (the worse\nstatus wins), the earliest start, the higher impact; their pages lead to it.',
    example: ['npm run incident -- merge 2026-11-21-whatsapp-down 2026-11-21-instagram-down'],
    flags: [],
    takesIds: true,
    run: (run, _id, _values, ids) => Promise.resolve(mergeIncident(run, ids)),
  },
  templates: {
    summary: 'Lists the incident templates of content/templates/, for `new --template NAME`.',
    example: ['npm run incident -- templates'],
    flags: [],
    run: (run) => Promise.resolve(listTemplates(run)),
  },
  list: {
    summary: 'Lists the unresolved incidents, newest first.',
    example: ['npm run incident -- list --all'],
    flags: ['all'],
    run: (run, _id, values) => Promise.resolve(listIncidents(run, values.all ?? false) ? 1 : 0),
  },
  'maintenance new': {
    summary:
      'Schedules a maintenance window: writes content/maintenance/<id>.md; the message is its\ndescription. Off a terminal, every value but --id is required.',
    example: [
      'npm run incident -- maintenance new --title "Database upgrade" \\',
      '  --start 2026-11-25T02:00:00+01:00 --end 2026-11-25T03:00:00+01:00 --component ordering \\',
      '  --message "Ordering pauses for up to an hour."',
    ],
    flags: ['title', 'start', 'end', 'component', 'message', 'id'],
    help: { component: { value: 'ID', help: 'a component the window covers' } },
    run: async (run, _id, values) => void (await newMaintenance(run, values)),
  },
};

/** Flags every command takes. */
const COMMON: readonly Flag[] = ['content', 'help'];

/** A flag's value name and its line of help. */
interface FlagHelp {
  value?: string;
  help: string;
}

/** One line of help per flag (`--help` is described by formatUsage). */
const FLAG_HELP: Record<Exclude<Flag, 'help'>, FlagHelp> = {
  title: { value: 'TEXT', help: 'the title readers see' },
  impact: { value: 'IMPACT', help: `how bad it is: ${IMPACTS.join(', ')}` },
  component: {
    value: 'ID=STATUS',
    help: `a component and its status: ${HEALTH_STATUSES.join(', ')} (or down, partial, degraded, up)`,
  },
  status: { value: 'STATUS', help: `the incident's status: ${INCIDENT_STATUSES.join(', ')}` },
  message: { value: 'TEXT', help: "the update's text, in Markdown" },
  at: {
    value: 'TIME',
    help: 'when it was posted: ISO 8601 with a zone, now, or from now (-30m, -2h, +1d); default now',
  },
  started: { value: 'TIME', help: 'when the problem began, if before the first update' },
  id: {
    value: 'ID',
    help: 'the file name and permalink (default: the local date and the title)',
  },
  start: { value: 'TIME', help: 'when the window starts (a TIME as for --at)' },
  end: { value: 'TIME', help: 'when the window ends' },
  all: { help: 'every incident, resolved ones too' },
  template: {
    value: 'NAME',
    help: 'start from content/templates/NAME.md (flags given still win)',
  },
  content: CONTENT_OPTION,
};

const EXIT_CODES =
  'Exit codes: 0 done; 1 the content does not allow it (invalid file, unknown incident, id taken);\n2 bad usage.';

/** `npm run incident -- --help`: the commands, each with its own `--help`. */
export const USAGE = formatUsage({
  usage: ['npm run incident -- <command> [options]'],
  summary: [
    'Writes incidents and maintenance to the content folder; commit and push to publish.',
    '',
    'Commands (each has its own --help):',
    '  new               open an incident',
    '  update [ID]       post an update to an incident',
    '  resolve [ID]      post the update that resolves it',
    '  merge ID ID...    join other incidents into the first; their pages lead to it',
    '  list              the unresolved incidents (every one with --all)',
    '  templates         the incident templates, for new --template',
    '  maintenance new   schedule a maintenance window',
  ].join('\n'),
  options: { content: CONTENT_OPTION },
  examples: ['npm run incident -- new --help', 'npm run incident -- list'],
  notes: ['On a terminal, missing values are asked for.', EXIT_CODES],
});

/** `npm run incident -- <command> --help`: that command's flags, one line each, and an example. */
export function commandUsage(name: string): string {
  const command = COMMANDS[name];
  if (!command) return USAGE;
  const flags = [...command.flags, 'content' as const].filter(
    (flag): flag is Exclude<Flag, 'help'> => flag !== 'help',
  );
  return formatUsage({
    usage: [
      `npm run incident -- ${name}${command.takesId ? ' [ID]' : ''}${command.takesIds ? ' ID ID...' : ''} [options]`,
    ],
    summary: command.summary,
    options: Object.fromEntries(
      flags.map((flag) => [
        flag,
        { ...OPTIONS[flag], ...FLAG_HELP[flag], ...command.help?.[flag] },
      ]),
    ),
    examples: command.example,
    notes: [EXIT_CODES],
  });
}

/**
 * Runs the command; resolves to the exit code. Long because it is the command line's whole route:
 * every usage error (exit 2, before any file is read), then one `try` that turns each kind of
 * failure into its exit code and words.
 */
export async function incidentMain(argv: readonly string[], deps: EditorDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usage(deps, parseProblem(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  if (first === undefined || first === 'help') {
    if (!values.help && first === undefined) return usage(deps, 'no command given');
    deps.stdout(USAGE);
    return 0;
  }
  const name = first === 'maintenance' ? `maintenance ${rest.shift() ?? ''}`.trim() : first;
  const command = COMMANDS[name];
  if (command && values.help) {
    deps.stdout(commandUsage(name));
    return 0;
  }
  if (values.help) {
    deps.stdout(USAGE);
    return 0;
  }
  if (!command) {
    const known = Object.keys(COMMANDS);
    const what = first === 'maintenance' ? `"${name}" (use "maintenance new")` : `"${name}"`;
    return usage(deps, `unknown command ${what}${didYouMean(name, known)}`);
  }
  const id = command.takesId ? rest.shift() : undefined;
  const help = commandUsage(name);
  const ids = command.takesIds ? rest.splice(0) : [];
  if (rest.length) return usage(deps, `unexpected argument "${rest[0]}" after "${name}"`, help);
  const stray = (Object.keys(values) as Flag[]).filter(
    (f) => !command.flags.includes(f) && !COMMON.includes(f),
  );
  if (stray.length) {
    const list = stray.map((f) => `--${f}`).join(', ');
    return usage(
      deps,
      `${list} ${stray.length === 1 ? 'is not an option' : 'are not options'} of "${name}"`,
      help,
    );
  }

  const warn = (line: string): void => deps.stderr(`${line}\n`);
  try {
    const contentDir = values.content ?? deps.contentDir;
    if (!existsSync(join(contentDir, CONFIG_FILE))) {
      throw new EditorError(
        `no ${CONFIG_FILE} in ${displayPath(contentDir)}: run this in the project folder, or give --content DIR`,
      );
    }
    const config = loadConfig(contentDir);
    const run: EditorRun = {
      contentDir,
      config,
      now: deps.now(),
      componentIds: new Set(config.components.map((c) => c.id)),
      asker: createAsker({ interactive: deps.isTTY, prompt: deps.prompt, stderr: deps.stderr }),
      out: (line) => deps.stdout(`${line}\n`),
      warn,
    };
    return (await command.run(run, id, values, ids)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const lines = error.message.split('\n');
      warn(
        lines.length === 1
          ? `incident: ${error.message}`
          : `incident: ${lines.length} problems:\n${lines.map((l) => `  ${l}`).join('\n')}`,
      );
      deps.stderr(`\n${help}`);
      return 2;
    }
    if (error instanceof ContentError) {
      warn(`incident: ${error.message}`);
      warn('Nothing was written.');
      return 1;
    }
    warn(`incident: ${describe(error)}`);
    return 1;
  }
}

/** A usage error before any command ran: the message, then the usage (the command's, if known). */
function usage(deps: EditorDeps, message: string, text = USAGE): number {
  deps.stderr(`incident: ${message}\n\n${text}`);
  return 2;
}

/** The message with its causes, so that a file-system error says what failed and why. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : inspect(e));
  }
  return parts.join(': ');
}

/**
 * `--at -30m` as `--at=-30m`: parseArgs reads a value that starts with a dash as a missing value,
 * but relative times do, and so may a message. Joined only when the next word is clearly a value
 * (a dash and a digit, or words with spaces), so `--title --impact` still reports the missing title.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const flag = token.startsWith('--') && !token.includes('=') ? token.slice(2) : undefined;
    const isString =
      flag !== undefined && flag in OPTIONS && OPTIONS[flag as Flag].type === 'string';
    if (isString && next !== undefined && /^-(\d|[^-].*\s)/.test(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}
