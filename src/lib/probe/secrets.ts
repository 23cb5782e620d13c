/**
 * Secrets in the configuration are written `${NAME}` and read from the environment at run time.
 * They are substituted only into the copy of a check that is about to run; the values are kept
 * aside so that every line the prober writes or prints can be scrubbed of them.
 */
import type { Check } from '../config/schema.ts';

const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;

/** A check whose `${NAME}` placeholders could not all be filled. */
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
  const missing = new Set<string>();
  const secrets = new Set<string>();
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, name: string) => {
        const secret = env[name];
        if (secret === undefined || secret === '') {
          missing.add(name);
          return whole;
        }
        secrets.add(secret);
        return secret;
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    }
    return value;
  };
  const filled = fill(check) as Check;
  if (missing.size) throw new MissingSecretError(where, [...missing]);
  return { check: filled, secrets: [...secrets] };
}

/** Replaces every occurrence of any secret (and its URL-encoded form) with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue; // too short to tell from ordinary text; never logged anyway
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join('***');
  }
  return out;
}
