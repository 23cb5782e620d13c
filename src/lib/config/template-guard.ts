/**
 * A repository made from the template starts with the bundled example's configuration, whose
 * checks point at the example's hosts. Until its operator has made the configuration theirs, it
 * must probe nothing and open no incident, or every run would record "Website is down".
 *
 * "Theirs" is decided by `site.url`: every live page must change it (links, feeds, the API and
 * share images are built on it), and the example's address sits on `.example`, a name reserved
 * by RFC 2606 that never resolves, so no status page is ever served there. No marker to remove,
 * no extra step: the first edit going live asks for is the one that starts the checks.
 */
import type { Config } from './schema.ts';

/** The bundled example's `site.url`: the one home of that address. */
export const EXAMPLE_SITE_URL = 'https://status.fornoaurora.example';

/** Whether a configuration may be probed, and if not, why (a line for operators' logs). */
export type TemplateGuard = { own: true } | { own: false; reason: string };

/** Decides whether `config` is the operator's own or still the example's. */
export function templateGuard(config: { site: Pick<Config['site'], 'url'> }): TemplateGuard {
  if (hostOf(config.site.url) !== hostOf(EXAMPLE_SITE_URL)) return { own: true };
  return {
    own: false,
    reason:
      `nothing checked and no incident opened: site.url is still the example's (${EXAMPLE_SITE_URL}). ` +
      "Checks start once it is your status page's address (docs/going-live.md).",
  };
}

/** The host name of a URL, lower-cased, without a trailing dot; the text itself if it is no URL. */
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.replace(/\.$/, '') : url;
}
