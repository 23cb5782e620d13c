/**
 * The element tree satori draws, written as plain typed objects (`{ type, props }`, what JSX
 * compiles to) so templates are ordinary TypeScript with no JSX runtime.
 */

/** CSS properties in satori's camelCase form. */
export type Style = Record<string, string | number>;

/** An element or a text. */
export type Child = Element | string;

/** One element: a tag, its style, attributes and children. */
export interface Element {
  type: string;
  props: { style?: Style; children?: Child[] } & Record<string, unknown>;
}

/** A `<div>` (satori lays every div out as a flex box unless told otherwise). */
export function div(style: Style, ...children: (Child | false | undefined)[]): Element {
  return { type: 'div', props: { style, children: children.filter(isChild) } };
}

/** Any element with attributes, e.g. `<img>`, `<svg>`, `<path>`. */
export function el(
  type: string,
  attributes: Record<string, unknown>,
  ...children: (Child | false | undefined)[]
): Element {
  return { type, props: { ...attributes, children: children.filter(isChild) } };
}

function isChild(c: Child | false | undefined): c is Child {
  return c !== false && c !== undefined && c !== '';
}
