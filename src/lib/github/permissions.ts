/**
 * Who may post incidents from GitHub: people who can push to the repository — the same people who
 * could edit `content/` directly. Anyone can open an issue on a public repository; their issues,
 * comments, closes and reopens are ignored.
 */
import type { GithubClient } from './client.ts';
import { statusOf } from './errors.ts';
import type { RepoRef } from './repo-ref.ts';

/**
 * Roles that may post. The endpoint's `permission` is admin, write, read or none (maintain shows
 * as write there); `role_name` has the finer role, or a custom role's name.
 */
export const POSTING_ROLES: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

/**
 * Logins that may link an issue to an automatic incident by its mark (marker.ts) although GitHub
 * reports no role for them: `github-actions[bot]` is the identity of a workflow's `GITHUB_TOKEN`,
 * which only this repository's own workflows — written by people with write access — act as. The
 * prober opens its issues with it. (GitHub reserves the `[bot]` suffix: no person can take it.)
 */
export const WORKFLOW_LOGINS: ReadonlySet<string> = new Set(['github-actions[bot]']);

/** What the repository says about one person. */
export interface Authorisation {
  allowed: boolean;
  /** The role as GitHub named it, for the log (`read`, `triage`, `none`…). */
  role: string;
}

/** Answers whether a login may post; each login is asked once per run. */
export type PermissionCheck = (login: string | undefined) => Promise<Authorisation>;

/** Creates the check over `GET /repos/{owner}/{repo}/collaborators/{username}/permission`. */
export function createPermissionCheck(client: GithubClient, repo: RepoRef): PermissionCheck {
  const cache = new Map<string, Promise<Authorisation>>();
  return (login) => {
    // A deleted account shows as no user (GitHub's "ghost"): nobody to authorise.
    if (!login) return Promise.resolve({ allowed: false, role: 'none' });
    const key = login.toLowerCase();
    let answer = cache.get(key);
    if (!answer) {
      answer = ask(client, repo, login);
      cache.set(key, answer);
    }
    return answer;
  };
}

async function ask(client: GithubClient, repo: RepoRef, username: string): Promise<Authorisation> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const role = data.role_name || data.permission;
    return {
      allowed: POSTING_ROLES.has(data.permission) || POSTING_ROLES.has(data.role_name),
      role,
    };
  } catch (error) {
    // 404: not a user GitHub knows as a collaborator (bots, deleted accounts): no permission.
    if (statusOf(error) === 404) return { allowed: false, role: 'none' };
    throw new Error(`cannot read the permission of @${username}`, { cause: error });
  }
}
