/**
 * Every problem of a content folder that a build would meet — its configuration, its incident
 * and maintenance files — found in one pass, before anything is built: the commands that build or
 * serve the site print this list and stop, instead of a framework's error and stack trace.
 */
import { inspectConfig } from '../config/load.ts';
import { componentIds } from '../config/schema.ts';
import { ContentError, sortProblems, type Problem } from '../validation/friendly-errors.ts';
import { INCIDENTS, MAINTENANCE, type EntryFolder } from './entry-folders.ts';
import { readMarkdownFolder } from './loader.ts';

/** The problems of a content folder, in file order; none when it builds. */
export function contentProblems(contentDir: string): Problem[] {
  const config = inspectConfig(contentDir);
  const problems = config.ok ? [] : [...config.problems];
  // Entries are checked against the components the configuration names, even while it is invalid.
  const components = config.ok ? componentIds(config.config) : config.componentIds;
  problems.push(...folderProblems(INCIDENTS, contentDir, components));
  problems.push(...folderProblems(MAINTENANCE, contentDir, components));
  return sortProblems(problems);
}

function folderProblems<T>(
  folder: EntryFolder<T>,
  root: string,
  components: ReadonlySet<string>,
): Problem[] {
  try {
    readMarkdownFolder({ ...folder, root, components });
    return [];
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.problems;
  }
}
