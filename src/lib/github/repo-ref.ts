/** A repository as GitHub names it: `owner/name`. */

/** A repository, read from `owner/name`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** Reads `owner/name`; throws a clear error otherwise. */
export function parseRepoRef(text: string): RepoRef {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a repository: use owner/name, e.g. acme/status`);
  return { owner: match[1]!, repo: match[2]! };
}
