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
import { didYouMean } from './suggest.ts';
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
  flags: readonly Flag[];
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
    flags: ['title', 'impact', 'component', 'status', 'message', 'at', 'started', 'id', 'template'],
    run: async (run, _id, values) => void (await newIncident(run, values)),
  },
  update: {
    flags: ['status', 'message', 'component', 'at'],
    takesId: true,
    run: (run, id, values) => updateIncident(run, id, values),
  },
  resolve: {
    flags: ['message', 'at'],
    takesId: true,
    run: (run, id, values) => resolveIncident(run, id, values),
  },
  merge: {
    flags: [],
    takesIds: true,
    run: (run, _id, _values, ids) => Promise.resolve(mergeIncident(run, ids)),
  },
  templates: {
    flags: [],
    run: (run) => Promise.resolve(listTemplates(run)),
  },
  list: {
    flags: ['all'],
    run: (run, _id, values) => Promise.resolve(listIncidents(run, values.all ?? false) ? 1 : 0),
  },
  'maintenance new': {
    flags: ['title', 'start', 'end', 'component', 'message', 'id'],
    run: async (run, _id, values) => void (await newMaintenance(run, values)),
  },
};

/** Flags every command takes. */
const COMMON: readonly Flag[] = ['content', 'help'];

export const USAGE = `Usage: npm run incident -- <command> [options]

Writes incidents and maintenance to the content folder; commit and push to publish.

  new               Open an incident
      --title TEXT --impact IMPACT --component ID=STATUS [--component ID=STATUS]
      --status STATUS --message TEXT [--at TIME] [--started TIME] [--id ID]
      [--template NAME]  start from content/templates/NAME.md (flags still win)
  update <id>       Post an update to an incident
      --status STATUS --message TEXT [--component ID=STATUS] [--at TIME]
  resolve <id>      Post the update that resolves it
      [--message TEXT] [--at TIME]
  merge <id> <other-id>...
                    Join other incidents into the first: every update, the components,
                    the earliest start; their pages lead to it
  list              Unresolved incidents, newest first (every incident with --all)
  templates         The incident templates of content/templates/, for new --template
  maintenance new   Schedule a maintenance window
      --title TEXT --start TIME --end TIME --component ID [--component ID]
      --message TEXT [--id ID]

  Every command: --content DIR (default: content), --help

  IMPACT     ${IMPACTS.join(' | ')}
  STATUS     ${INCIDENT_STATUSES.join(' | ')}
  ID=STATUS  a component id from heliograph.yaml, =, and a component status:
             ${HEALTH_STATUSES.join(' | ')}
             (or down, partial, degraded, up)
  TIME       ISO 8601 with a zone (2026-11-21T10:05:00+01:00 or 2026-11-21T09:05:00Z),
             now, or from now: -30m, -2h, +1d; default now
  --id       the file name and permalink; default: the local date and the title, e.g.
             2026-11-21-checkout-errors

On a terminal, missing values are asked for. Exit codes: 0 done, 1 content problem, 2 usage error.
`;

/** Runs the command; resolves to the exit code. */
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
    return usage(deps, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  if (values.help || first === 'help') {
    deps.stdout(USAGE);
    return 0;
  }
  if (first === undefined) return usage(deps, 'no command given');
  const name = first === 'maintenance' ? `maintenance ${rest.shift() ?? ''}`.trim() : first;
  const command = COMMANDS[name];
  if (!command) {
    const known = Object.keys(COMMANDS);
    const what = first === 'maintenance' ? `"${name}" (use "maintenance new")` : `"${name}"`;
    return usage(deps, `unknown command ${what}${didYouMean(name, known)}`);
  }
  const id = command.takesId ? rest.shift() : undefined;
  const ids = command.takesIds ? rest.splice(0) : [];
  if (rest.length) return usage(deps, `unexpected argument "${rest[0]}" after "${name}"`);
  const stray = (Object.keys(values) as Flag[]).filter(
    (f) => !command.flags.includes(f) && !COMMON.includes(f),
  );
  if (stray.length) {
    const list = stray.map((f) => `--${f}`).join(', ');
    return usage(
      deps,
      `${list} ${stray.length === 1 ? 'is not an option' : 'are not options'} of "${name}"`,
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
      warn(`Run \`npm run incident -- --help\` for the options.`);
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

/** A usage error before any command ran: the message, then the usage. */
function usage(deps: EditorDeps, message: string): number {
  deps.stderr(`incident: ${message}\n\n${USAGE}`);
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
