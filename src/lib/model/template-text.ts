/**
 * A template's words for one incident (`content/templates.ts` defines the placeholders): the
 * affected components' names, the channels those components leave working (as links, in fallback
 * order) and the site's title, in the site's language. The editor command and the GitHub sync both
 * start incidents from templates, with these same words.
 */
import type { Config } from '../config/schema.ts';
import { fillPlaceholders } from '../content/templates.ts';
import { createFormatter } from '../i18n/format.ts';
import type { HealthStatus } from '../status.ts';
import { usableChannels } from './channels.ts';

/** `text` with its placeholders filled for an incident affecting `affected`. */
export function templateText(
  config: Config,
  text: string,
  affected: Readonly<Record<string, HealthStatus>>,
): string {
  const { locale, time_zone: tz, title } = config.site;
  const fmt = createFormatter(locale, tz);
  const names = config.components.filter((c) => c.id in affected).map((c) => c.name);
  // The one rule of which channels may be offered (model/channels.ts), as the incident leaves them.
  const working = usableChannels(config.channels, (id) => affected[id]);
  const links = working.map(
    (ch) => `[${ch.label ? `${ch.name} ${ch.label}` : ch.name}](${ch.url})`,
  );
  return fillPlaceholders(text, {
    component: fmt.list(names),
    channel: fmt.list(links),
    site: title,
  });
}
