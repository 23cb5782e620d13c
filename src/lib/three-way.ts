/** Three versions of one file or value, as a merge sees them. */

/**
 * What both writers started from (`base`; absent when both created it), what was pushed first
 * (`upstream`) and what is being pushed now (`local`).
 */
export interface ThreeWay<T> {
  base: T | undefined;
  upstream: T;
  local: T;
}
