/**
 * The embeddable banner (`/embed.js`): the hand-written script in banner.js with the site's own
 * settings baked in — its URL, its channels in fallback order (so that the browser need only
 * filter them by the statuses it reads), and the words in the site's language.
 */
import type { Messages } from '../i18n/messages.ts';
import { inFallbackOrder } from '../model/channels.ts';
import type { SiteModel } from '../model/site.ts';
import { STATUSES_WORST_FIRST } from '../status.ts';
import { LINK_SCHEMES } from '../text/link-url.ts';

/** Looks that follow neither the host page's styles nor its colours' failures: high contrast. */
const CSS = `section{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;margin:0;padding:.6rem 3rem .6rem 1rem;font:15px/1.4 system-ui,sans-serif;position:relative;border-bottom:2px solid}
.i{background:#fef3c7;color:#422006;border-color:#b45309}.m{background:#dbeafe;color:#172554;border-color:#1d4ed8}
p{margin:0}a{color:inherit;font-weight:600}button{position:absolute;top:.3rem;right:.5rem;font:inherit;font-size:20px;line-height:1;background:none;border:0;color:inherit;cursor:pointer;padding:.3rem .5rem}
button:focus-visible,a:focus-visible{outline:2px solid currentColor;outline-offset:2px}`;

/** The script's text for a site. */
export function embedScript(template: string, site: SiteModel, t: Messages): string {
  // In fallback order, the order alternatives are offered in; `at` is the configuration's order,
  // the one the affected channels are named in, as on the page.
  const channels = inFallbackOrder(site.config.channels).map((ch) => ({
    name: ch.name,
    url: ch.url,
    at: site.config.channels.indexOf(ch),
    ...(ch.component ? { component: ch.component } : {}),
  }));
  const config = {
    url: new URL(site.config.site.base, site.config.site.url).href,
    lang: site.config.site.locale,
    channels,
    schemes: LINK_SCHEMES,
    css: CSS,
    t: {
      label: t.embed.label,
      incident: t.embed.incident,
      maintenance: t.maintenanceNow,
      details: t.embed.details,
      dismiss: t.embed.dismiss,
      // How affected channels are, worst status first, in the forms a count needs; the browser
      // chooses the form with Intl.PluralRules and lists the names with Intl.ListFormat, as the
      // channel box does (src/lib/i18n/channel-headline.ts).
      states: STATUSES_WORST_FIRST.flatMap((status) =>
        status === 'operational' ? [] : [{ status, ...t.channels.state[status] }],
      ),
      separator: t.channels.separator,
      reachUs: t.channels.reachUs,
    },
  };
  // The script stays ASCII, so that it reads right whatever charset a host page assumes; `<` is
  // escaped too, so that the JSON can never close a script element that inlines it.
  const json = JSON.stringify(config).replace(
    /[<\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  // A function, not a string: in a replacement string `$'`, `$&` and `$1` are patterns, and a
  // channel named "E-mail $' orders" would splice the rest of the script into its name.
  return template.replace('/*CONFIG*/ {}', () => json);
}
