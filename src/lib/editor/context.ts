/** What every editor command gets: its dependencies, the configuration, one clock reading. */
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { displayPath } from '../validation/friendly-errors.ts';
import { link } from '../paths.ts';
import type { Asker, Prompt } from './ask.ts';

/** Everything the command touches from outside, passed in (tests pass fakes). */
export interface EditorDeps {
  /** The content folder used when `--content` is not given. */
  contentDir: string;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether the input is a terminal: missing values are then asked for instead of failing. */
  isTTY: boolean;
  /** Asks one question on the terminal. */
  prompt: Prompt;
}

/** Flag values, as parsed; which ones a command accepts is checked before it runs. */
export interface EditorValues {
  title?: string | undefined;
  impact?: string | undefined;
  component?: string[] | undefined;
  status?: string | undefined;
  message?: string | undefined;
  at?: string | undefined;
  started?: string | undefined;
  id?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  all?: boolean | undefined;
  template?: string | undefined;
}

/** One run of a command. */
export interface EditorRun {
  contentDir: string;
  config: Config;
  /** The clock, read once, so that every default time in a run is the same. */
  now: number;
  asker: Asker;
  componentIds: ReadonlySet<string>;
  /** Prints a line on stdout. */
  out: (line: string) => void;
  /** Prints a warning line on stderr. */
  warn: (line: string) => void;
}

/** Where an incident's file is. */
export function incidentFile(run: EditorRun, id: string): string {
  return join(run.contentDir, 'incidents', `${id}.md`);
}

/** Where a maintenance window's file is. */
export function maintenanceFile(run: EditorRun, id: string): string {
  return join(run.contentDir, 'maintenance', `${id}.md`);
}

/** Prints what was written and the page it will appear on. */
export function reportWritten(run: EditorRun, verb: string, file: string, sitePath: string): void {
  const { base, url } = run.config.site;
  const page = link(base, sitePath);
  run.out(`${verb} ${displayPath(file)}`);
  run.out(`Page: ${page} (${new URL(page, url).href} once the site is rebuilt)`);
}
