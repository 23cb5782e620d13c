/** Reads `heliograph.yaml` from a content folder and validates it. */
import { join } from 'node:path';
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

/** Loads `<contentDir>/heliograph.yaml`; the file is named relative to the working directory. */
export function loadConfig(contentDir: string): Config {
  const path = join(contentDir, CONFIG_FILE);
  const shown = displayPath(path);
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
  return parseConfig(text, shown);
}
