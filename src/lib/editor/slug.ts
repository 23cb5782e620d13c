/** Ids of new entries: the title as a slug after the local date, e.g. `2026-11-21-checkout-errors`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { idSchema } from '../config/schema.ts';
import { localDate } from '../time.ts';
import { UsageError } from './errors.ts';

/** Longest slug kept from a title, so that the date, the slug and a `-NN` suffix fit an id. */
const SLUG_MAX = 48;

/** `Checkout errors: ça coûte!` → `checkout-errors-ca-coute`; empty when no letter survives. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.slice(0, SLUG_MAX + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > 0 ? cut.slice(0, dash) : cut.slice(0, SLUG_MAX)).replace(/-+$/, '');
}

/** The id a new entry gets from its title and its local date. */
export function defaultId(title: string, at: number, timeZone: string, fallback: string): string {
  return `${localDate(at, timeZone)}-${slugify(title) || fallback}`;
}

/** `id`, or `id-2`, `id-3`… whichever has no file in `dir` yet. */
export function freeId(dir: string, id: string): string {
  let candidate = id;
  for (let n = 2; existsSync(join(dir, `${candidate}.md`)); n++) candidate = `${id}-${n}`;
  return candidate;
}

/** Checks an id given with `--id`: it becomes a file name and a URL. */
export function parseId(raw: string, flag = 'id'): string {
  const id = raw.trim();
  const result = idSchema.safeParse(id);
  if (!result.success) {
    throw new UsageError(
      `--${flag} "${raw}" cannot be an id: use lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters (e.g. "2026-11-21-checkout-errors")`,
    );
  }
  return id;
}
