/**
 * An Astro content loader for a folder of Markdown files with front matter. It validates with our
 * own parser (positions kept) instead of Astro's, so a malformed file fails the build with every
 * problem as `file:line:column field: message`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { CONFIG_FILE } from '../config/load.ts';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import {
  ContentError,
  displayPath,
  fieldPath,
  sortProblems,
  type Parsed,
  type Problem,
} from '../validation/friendly-errors.ts';
import { readFrontMatterYaml, splitFrontMatter } from './front-matter.ts';
import type { Entry, ReferenceProblem } from './parse-entry.ts';

/** File names become ids, so they follow the id rule. */
export const ENTRY_FILE = /^([a-z0-9][a-z0-9-]*)\.md$/;

export interface MarkdownFolderOptions<T> {
  /** The content folder. */
  root: string;
  /** Sub-folder holding the entries. */
  folder: string;
  parse: (text: string, file: string, components: ReadonlySet<string>) => Parsed<Entry<T>>;
  /** The configuration's component ids, the only ones an entry may name. */
  components: ReadonlySet<string>;
  /**
   * Checks between entries (one file naming another), over the files that parsed; `ids` holds
   * every entry's id, those of files with problems too, which are there even if unreadable now.
   */
  references?: (entries: ReadonlyMap<string, Entry<T>>, ids: ReadonlySet<string>) => ReferenceProblem[];
}


/** Reads every entry of a folder; all problems of all files are thrown together. */
export function readMarkdownFolder<T>(options: MarkdownFolderOptions<T>): Map<string, Entry<T>> {
  const dir = join(options.root, options.folder);
  const entries = new Map<string, Entry<T>>();
  const texts = new Map<string, { text: string; shown: string }>();
  const problems: Problem[] = [];
  const ids = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return entries;
    throw new Error(`cannot list ${dir}`, { cause: error });
  }
  for (const name of names) {
    if (!name.endsWith('.md')) continue;
    const shown = displayPath(join(dir, name));
    const id = ENTRY_FILE.exec(name)?.[1];
    if (!id) {
      problems.push({
        file: shown,
        line: 1,
        column: 1,
        field: '',
        message: 'file names become ids: use lower-case letters, digits and dashes, ending .md',
      });
      continue;
    }
    ids.add(id);
    let text: string;
    try {
      text = readContentText(join(dir, name), { within: options.root, limit: CONTENT_LIMITS.entry });
    } catch (error) {
      // A link out of content/, a folder named like a file, a file no person wrote: named, not read.
      if (!(error instanceof ContentFileError)) throw error;
      problems.push({ file: shown, line: 1, column: 1, field: '', message: error.reason });
      continue;
    }
    const parsed = options.parse(text, shown, options.components);
    if (parsed.ok) {
      entries.set(id, parsed.data);
      texts.set(id, { text, shown });
    } else problems.push(...parsed.problems);
  }
  if (options.references) {
    for (const p of options.references(entries, ids)) {
      const { text, shown } = texts.get(p.id)!;
      // The file parsed a moment ago, so its front matter is there to point into.
      const yaml = readFrontMatterYaml(splitFrontMatter(text)!, shown);
      problems.push({ file: shown, ...yaml.locate(p.path), field: fieldPath(p.path), message: p.message });
    }
  }
  if (problems.length) throw new ContentError(sortProblems(problems));
  return entries;
}

/**
 * The Astro loader over `readMarkdownFolder`. The component ids are asked for at each load, so a
 * load after the configuration changed checks entries against the new ids. Under `astro dev` the
 * folder and the configuration are watched: an entry added, edited or removed, or a changed
 * configuration, loads the folder again.
 */
export function markdownFolderLoader<T extends Record<string, unknown>>(
  options: Omit<MarkdownFolderOptions<T>, 'components'> & { components: () => ReadonlySet<string> },
): Loader {
  return {
    name: `heliograph-${options.folder}`,
    load: (context) => {
      const load = (): void => {
        const entries = readMarkdownFolder({ ...options, components: options.components() });
        storeEntries(context, entries);
      };
      load();
      const dir = resolve(options.root, options.folder);
      watchContent(context, {
        paths: [dir, resolve(options.root, CONFIG_FILE)],
        concerns: (path) => (dirname(path) === dir && path.endsWith('.md')) || path === resolve(options.root, CONFIG_FILE),
        load,
      });
      return Promise.resolve();
    },
  };
}

/**
 * Puts a folder's entries in the store: removed ones go, the others are set (an entry whose
 * digest is unchanged is left as it was, so an unchanged folder writes nothing).
 */
function storeEntries<T extends Record<string, unknown>>(
  context: LoaderContext,
  entries: ReadonlyMap<string, Entry<T>>,
): void {
  for (const id of context.store.keys()) if (!entries.has(id)) context.store.delete(id);
  for (const [id, entry] of entries) {
    const digest = context.generateDigest({ ...entry.data, body: entry.body });
    context.store.set({ id, data: entry.data, body: entry.body, digest });
  }
}

/** What a loader watches under `astro dev`, and how it loads again. */
export interface ContentWatch {
  /** Files and folders to watch (they may lie outside the project). */
  paths: string[];
  /** Whether a changed path is one of this loader's inputs. */
  concerns: (path: string) => boolean;
  /** Loads again; throws a ContentError for invalid content. */
  load: () => void;
}

/**
 * How long the inputs must be quiet before they are read. A save is often two steps, the file
 * emptied and then written, and the watcher (chokidar) reports a file's change only once in 50 ms:
 * read at the first report, the file may be empty, and the report of its text never comes.
 */
export const SETTLE_MS = 100;

/**
 * Under `astro dev` (the only time the context has a watcher), loads again once the inputs have
 * been quiet for SETTLE_MS after one of them was added, changed or removed (a checkout of many
 * files is one load). Invalid content then is printed as the list of its problems and the entries
 * stay as they were, so that the page keeps working while the file is fixed.
 */
export function watchContent(context: LoaderContext, watch: ContentWatch): void {
  const { watcher } = context;
  if (!watcher) return;
  watcher.add(watch.paths);
  let pending: NodeJS.Timeout | undefined;
  const reload = (): void => {
    pending = undefined;
    try {
      watch.load();
    } catch (error) {
      // Printed, never thrown: thrown from a timer, it would stop the server.
      context.logger.error(
        error instanceof ContentError ? error.message : `cannot load: ${(error as Error).stack}`,
      );
    }
  };
  const onChange = (path: string): void => {
    if (!watch.concerns(resolve(path))) return;
    clearTimeout(pending);
    pending = setTimeout(reload, SETTLE_MS);
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onChange);
}
