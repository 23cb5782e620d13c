/** Reading one built site in the integration tests: its files by site path, and its API. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltSite } from '../support/example-site.ts';
import { API_SCHEMAS, type ApiRow, type ApiSummary } from './statuspage-schemas.ts';

/** The example's site URL (content/heliograph.yaml of the generated example). */
export const ORIGIN = 'https://status.fornoaurora.example';

/** A build the same checks run on: at the domain root, or under a sub-path. */
export interface Variant {
  name: string;
  /** The base path the site is served under. */
  base: string;
  site: () => BuiltSite;
}

/** The text of a file by its site path (relative to the base). */
export function readText(v: Variant, path: string): string {
  return readFileSync(join(v.site().dist, path), 'utf8');
}

/** Whether a file exists at a site path. */
export function exists(v: Variant, path: string): boolean {
  return existsSync(join(v.site().dist, path));
}

/** The absolute URL of a site path in this build. */
export function urlOf(v: Variant, path: string): string {
  return `${ORIGIN}${v.base}${path}`;
}

/** An API file read and validated by its schema. */
export function api<F extends keyof typeof API_SCHEMAS>(v: Variant, file: F) {
  return API_SCHEMAS[file].parse(JSON.parse(readText(v, `api/v2/${file}`))) as ReturnType<
    (typeof API_SCHEMAS)[F]['parse']
  >;
}

/** `summary.json`, validated. */
export function summary(v: Variant): ApiSummary {
  return api(v, 'summary.json');
}

/** The component rows that are not groups. */
export function componentRowsOnly(v: Variant): Extract<ApiRow, { group: false }>[] {
  return summary(v).components.filter((c): c is Extract<ApiRow, { group: false }> => !c.group);
}
