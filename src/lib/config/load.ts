/**
 * Reads `heliograph.yaml` from a content folder and validates it, once per process for a given
 * text: every reader of an unchanged file gets the same parsed (and frozen) configuration.
 */
import { join, resolve } from 'node:path';
import { CONTENT_LIMITS, ContentFileError, readContentText } from '../fs/content-file.ts';
import { ContentError, displayPath, parseYamlWith } from '../validation/friendly-errors.ts';
import { configSchema, type Config } from './schema.ts';

/** File name of the configuration inside the content folder. */
export const CONFIG_FILE = 'heliograph.yaml';

/** Parses configuration text; throws a ContentError listing every problem with its position. */
export function parseConfig(text: string, file: string): Config {
  const parsed = parseYamlWith({ text, file }, configSchema);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/**
 * Loads `<contentDir>/heliograph.yaml`; the file is named relative to the working directory. The
 * file is read each time, but parsed only when its text differs from the last parse of that path
 * in this process, so an edited file (under `astro dev`) is always seen.
 */
export function loadConfig(contentDir: string): Config {
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
    throw new ContentError([{ file: shown, line: 1, column: 1, field: '', message }], { cause });
  }
  const cache = (globalThis.heliographConfigs ??= new Map<string, ParsedConfig>());
  const cached = cache.get(path);
  if (cached?.text === text) return cached.config;
  const config = deepFreeze(parseConfig(text, shown));
  cache.set(path, { text, config });
  return config;
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
