/**
 * Secrets in the configuration are written `${NAME}` and read from the environment at run time.
 * They are substituted only into the copy of a check (or notification target) about to be used;
 * the values are kept aside so that every line written or printed can be scrubbed of them.
 */
import { z } from 'astro/zod';
import type { Check } from '../config/schema.ts';

const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;

/** A check or target whose `${NAME}` placeholders could not all be filled. */
export class MissingSecretError extends Error {
  readonly where: string;
  readonly missing: string[];
  constructor(where: string, missing: string[]) {
    super(
      `${where}: environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not set`,
    );
    this.name = 'MissingSecretError';
    this.where = where;
    this.missing = missing;
  }
}

/** A check ready to run, and the secret values it contains. */
export interface ResolvedCheck {
  check: Check;
  secrets: string[];
}

/**
 * Fills every `${NAME}` in the check's strings (nested in headers and JSON too). `where` names the
 * check in errors, e.g. `components[2].checks[0]` of heliograph.yaml.
 */
export function resolveSecrets(
  check: Check,
  env: Readonly<Record<string, string | undefined>>,
  where: string,
): ResolvedCheck {
  const { value, secrets } = fillSecrets(check, env, where);
  return { check: value, secrets };
}

/** A configuration value with its placeholders filled, and the secret values it now contains. */
export interface Filled<T> {
  value: T;
  /** The values filled in, and what they reveal once in a URL (its path, a Basic-auth pair). */
  secrets: string[];
}

/**
 * Fills every `${NAME}` in the strings of any configuration value (a check, a notification
 * target…), nested in objects and arrays. Throws a MissingSecretError naming `where` and every
 * variable that is not set.
 */
export function fillSecrets<T>(
  value: T,
  env: Readonly<Record<string, string | undefined>>,
  where: string,
): Filled<T> {
  const missing = new Set<string>();
  const secrets = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const found: string[] = [];
      const filled = node.replace(PLACEHOLDER, (whole, name: string) => {
        const secret = env[name];
        if (secret === undefined || secret === '') {
          missing.add(name);
          return whole;
        }
        found.push(secret);
        return secret;
      });
      for (const secret of [...found, ...derivedSecrets(filled, found)]) secrets.add(secret);
      return filled;
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    }
    return node;
  };
  const filled = fill(value) as T;
  if (missing.size) throw new MissingSecretError(where, [...missing]);
  return { value: filled, secrets: [...secrets] };
}

// The scrubber has a module of its own; commands import it from here with the rest of secrets.
export { scrub } from './scrub.ts';

/**
 * What a secret reveals besides itself once it sits in a URL. A URL that is a credential as a
 * whole (a Slack or Discord webhook) is also a credential in its path alone, which is what a
 * receiver's error page echoes ("Cannot POST /api/webhooks/…"). A password in a URL's user-info
 * travels as `user:password` in a Basic-auth header, whose base64 may come back in a response.
 */
function derivedSecrets(filled: string, secrets: readonly string[]): string[] {
  const url = URL.parse(filled);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return [];
  const out: string[] = [];
  if (secrets.includes(filled) && url.pathname !== '/')
    out.push(url.pathname + url.search, url.pathname);
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  if (password !== '' && secrets.some((s) => url.password.includes(s) || password.includes(s))) {
    out.push(password, `${user}:${password}`);
  }
  if (user !== '' && secrets.some((s) => url.username.includes(s) || user.includes(s))) {
    out.push(user, `${user}:${password}`);
  }
  return out;
}

/** `decodeURIComponent`, or the text itself when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Node sends the user-info as written when it cannot decode it; so is it scrubbed.
    return text;
  }
}

/**
 * The environment, with the values of `HELIOGRAPH_SECRETS` (a JSON object, as the probe workflow
 * passes the repository's secrets) under it: a variable set directly wins.
 */
export function withSecretBundle(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const bundle = env['HELIOGRAPH_SECRETS'];
  if (!bundle) return { ...env };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bundle);
  } catch {
    // The value itself is never shown: it holds secrets.
    throw new Error('HELIOGRAPH_SECRETS is not a JSON object of names to values');
  }
  const values = z.record(z.string(), z.unknown()).safeParse(parsed);
  if (!values.success)
    throw new Error('HELIOGRAPH_SECRETS is not a JSON object of names to values');
  const strings = Object.entries(values.data).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  const set = Object.entries(env).filter(([, v]) => v !== undefined && v !== '');
  return { ...Object.fromEntries(strings), ...Object.fromEntries(set) };
}
