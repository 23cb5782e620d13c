/** What every request handler of the service reads: the store, the site, the secrets, the clock. */
import type { Config, Locale } from '../config/schema.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import { absolute } from '../paths.ts';
import type { SubscriberPolicy } from './policy.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Store } from './store.ts';

export interface ServiceContext {
  store: Store;
  /** The site's configuration (heliograph.yaml): title, language, components. */
  config: Config;
  /** The service's public base URL (`subscriptions.url`). */
  serviceBase: string;
  secrets: {
    /** Signs links in e-mails. */
    link: string;
    /** Shared with the notify target, which signs events. */
    event: string;
    /** The admin endpoints' bearer token; undefined turns them off. */
    admin: string | undefined;
  };
  /** Read the client address from X-Forwarded-For (behind one reverse proxy). */
  trustProxy: boolean;
  policy: SubscriberPolicy;
  limiter: RateLimiter;
  now: () => number;
  /** Tells the sender that something became due. */
  wake: () => void;
  log: (line: string) => void;
}

/** The subscription texts of a language. */
export function textsOf(locale: Locale): Messages['subscriptions'] {
  return messages(locale).subscriptions;
}

/** The status page's home, absolute. */
export function siteHome(config: Config): string {
  return absolute(config.site.url, config.site.base, '');
}
