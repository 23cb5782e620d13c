/**
 * Reads `heliograph.yaml` from a content folder and validates it, once per process for a given
 * text: every reader of an unchanged file gets the same parsed (and frozen) configuration.
 */
import { join, resolve } from 'node:path';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import {
  ContentError,
  displayPath,
  fieldPath,
  readYaml,
  sortProblems,
  validateLocated,
  type Problem,
} from '../validation/friendly-errors.ts';
import { configReferences, rawComponentIds } from './references.ts';
import { configSchema, type Config } from './schema.ts';

/** File name of the configuration inside the content folder. */
export const CONFIG_FILE = 'heliograph.yaml';

/**
 * A configuration read: valid, or every problem in it with the component ids it names as written
 * (so that incidents can still be checked against them while the file is being fixed).
 */
export type ConfigCheck =
  | { ok: true; config: Config }
  | { ok: false; problems: Problem[]; componentIds: ReadonlySet<string> };

/**
 * Checks configuration text: YAML syntax first (nothing else can be read without it), then the
 * schema and the references between parts together, so that one pass reports every problem.
 */
export function checkConfig(text: string, file: string): ConfigCheck {
  const yaml = readYaml({ text, file });
  if (yaml.problems.length) return { ok: false, problems: yaml.problems, componentIds: new Set() };
  const parsed = validateLocated(yaml, file, configSchema);
  const references = configReferences(yaml.value).map((p) => ({
    file,
    ...yaml.locate(p.path),
    field: fieldPath(p.path),
    message: p.message,
  }));
  if (parsed.ok && !references.length) return { ok: true, config: parsed.data };
  const problems = [...(parsed.ok ? [] : parsed.problems), ...references];
  return { ok: false, problems: sortProblems(problems), componentIds: rawComponentIds(yaml.value) };
}

/** Parses configuration text; throws a ContentError listing every problem with its position. */
export function parseConfig(text: string, file: string): Config {
  const checked = checkConfig(text, file);
  if (!checked.ok) throw new ContentError(checked.problems);
  return checked.config;
}

/**
 * Reads and checks `<contentDir>/heliograph.yaml`; the file is named relative to the working
 * directory. The file is read each time, but parsed only when its text differs from the last
 * parse of that path in this process, so an edited file (under `astro dev`) is always seen.
 */
export function inspectConfig(contentDir: string): ConfigCheck {
  const path = resolve(contentDir, CONFIG_FILE);
  const shown = displayPath(join(contentDir, CONFIG_FILE));
  let text: string;
  try {
    text = readContentText(path, { within: contentDir, limit: CONTENT_LIMITS.config });
  } catch (cause) {
    const message =
      cause instanceof ContentFileError
        ? cause.reason
        : `cannot read the configuration: ${(cause as Error).message}`;
    const problems = [{ file: shown, line: 1, column: 1, field: '', message }];
    return { ok: false, problems, componentIds: new Set() };
  }
  const cache = (globalThis.heliographConfigs ??= new Map<string, ParsedConfig>());
  const cached = cache.get(path);
  if (cached?.text === text) return { ok: true, config: cached.config };
  const checked = checkConfig(text, shown);
  if (!checked.ok) return checked;
  const config = deepFreeze(checked.config);
  cache.set(path, { text, config });
  return { ok: true, config };
}

/** Loads `<contentDir>/heliograph.yaml`; throws a ContentError listing every problem in it. */
export function loadConfig(contentDir: string): Config {
  const checked = inspectConfig(contentDir);
  if (!checked.ok) throw new ContentError(checked.problems);
  return checked.config;
}

declare global {
  /**
   * Parsed configurations by absolute path, with the text each was parsed from. The cache lives on
   * `globalThis` because one process may hold several copies of this module: an Astro build
   * evaluates astro.config.mjs, the content config and the prerendered pages each in a module
   * graph of its own, and all three read the configuration.
   */
  var heliographConfigs: Map<string, ParsedConfig> | undefined;
}

/** A configuration and the text it was parsed from. */
interface ParsedConfig {
  text: string;
  config: Config;
}

/** Freezes a parsed value and everything in it: one copy is shared by every reader. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
