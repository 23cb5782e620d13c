/**
 * The sign-up form the status page carries when `subscriptions.url` is set: a plain HTML form that
 * posts to the service (no script, no fetch: a service that is down never changes the page). On the
 * home page it offers every component, unless there are so many that the list would weigh down the
 * page; on a component's page, that component.
 */
import type { Config } from '../config/schema.ts';
import { servicePaths, serviceUrl } from '../paths.ts';

/** The form's field names; the service reads the same (signup.ts). */
export const SIGNUP_FIELDS = {
  email: 'email',
  component: 'component',
  /** Hidden from people; a bot that fills every field fills this one. */
  honeypot: 'website',
  /** The page the form was on, for the service's link back. */
  back: 'back',
} as const;

/** Components offered on the home page at most; past it, the form subscribes to everything. */
export const FORM_COMPONENT_LIMIT = 12;

/** What the form shows. */
export interface SignupForm {
  action: string;
  /** Absolute URL of the page, sent back so that the service can link to it. */
  back: string;
  /** The component choice (besides "every component"), or none. */
  choices: { id: string; name: string }[];
  /** The choice selected at first. */
  selected: string | undefined;
}

/** The form of a page, or undefined when the site has no subscription service. */
export function signupForm(
  config: Config,
  options: { back: string; component?: string | undefined },
): SignupForm | undefined {
  const base = config.subscriptions?.url;
  if (base === undefined) return undefined;
  const own = config.components.find((c) => c.id === options.component);
  const choices = own
    ? [own]
    : config.components.length <= FORM_COMPONENT_LIMIT
      ? config.components
      : [];
  return {
    action: serviceUrl(base, servicePaths.subscribe()),
    back: options.back,
    choices: choices.map((c) => ({ id: c.id, name: c.name })),
    selected: own?.id,
  };
}
