/**
 * A component's badges: current status, uptime over 30 days and mean response time over 24 hours,
 * as SVG (badge-maker, the renderer of shields.io) and as shields.io endpoint JSON
 * (https://shields.io/badges/endpoint-badge) for anyone who prefers shields' own styles.
 */
import { makeBadge } from 'badge-maker';
import type { Formatter } from '../i18n/format.ts';
import { fill, type Messages } from '../i18n/messages.ts';
import { shownStatus, type ComponentModel } from '../model/site.ts';
import type { BadgeKind } from '../paths.ts';
import {
  DEFAULT_RESPONSE_LIMIT_MS,
  NO_DATA_COLOUR,
  STATUS_COLOURS,
  UPTIME_LEVELS,
} from './colours.ts';

/** The text and colour of a badge. */
export interface BadgeData {
  /** Left side: the component's name. */
  label: string;
  /** Right side: the status, the uptime or the response time, in the site's language. */
  message: string;
  /** CSS colour of the right side. */
  color: string;
}

/** The shields.io endpoint schema, version 1. */
export interface ShieldsEndpoint extends BadgeData {
  schemaVersion: 1;
}

/** Words and number formats of the site's language. */
export interface BadgeWords {
  t: Messages;
  fmt: Formatter;
}

/** The badge of one kind for a component. */
export function componentBadge(c: ComponentModel, kind: BadgeKind, words: BadgeWords): BadgeData {
  const { t, fmt } = words;
  switch (kind) {
    case 'status': {
      // A component nothing monitors is not green anywhere (docs/rules.md, "Not monitored").
      const shown = shownStatus(c);
      if (shown === 'not_monitored')
        return { label: c.name, message: t.notMonitored, color: NO_DATA_COLOUR };
      return { label: c.name, message: t.componentStatus[shown], color: STATUS_COLOURS[shown] };
    }
    case 'uptime': {
      const u = c.uptime.d30;
      if (u === null) return { label: c.name, message: t.noData, color: NO_DATA_COLOUR };
      const level = UPTIME_LEVELS.find((l) => u >= l.min) ?? UPTIME_LEVELS.at(-1)!;
      return {
        label: c.name,
        message: fill(t.uptimeValue, { pct: fmt.uptime(u) }),
        color: STATUS_COLOURS[level.status],
      };
    }
    case 'response-time': {
      const ms = meanResponseMs(c);
      if (ms === null) return { label: c.name, message: t.noData, color: NO_DATA_COLOUR };
      return {
        label: c.name,
        message: fill(t.responseTimeValue, { ms }),
        color: STATUS_COLOURS[ms > responseLimitMs(c) ? 'degraded_performance' : 'operational'],
      };
    }
  }
}

/** The badge as SVG; `idSuffix` keeps its element ids unique when several share a document. */
export function badgeSvg(badge: BadgeData, idSuffix = ''): string {
  return makeBadge({ ...badge, style: 'flat', idSuffix });
}

/** The badge as shields.io endpoint JSON. */
export function shieldsEndpoint(badge: BadgeData): ShieldsEndpoint {
  return { schemaVersion: 1, ...badge };
}

/** Mean of the hourly mean response times of the last 24 hours, rounded, or null without data. */
export function meanResponseMs(c: Pick<ComponentModel, 'responseTimes'>): number | null {
  if (c.responseTimes.length === 0) return null;
  const sum = c.responseTimes.reduce((acc, [, ms]) => acc + ms, 0);
  return Math.round(sum / c.responseTimes.length);
}

/** The strictest `max_response_ms` of the component's HTTP checks, or the default. */
function responseLimitMs(c: ComponentModel): number {
  const limits = c.config.checks.flatMap((check) =>
    check.type === 'http' && check.max_response_ms !== undefined ? [check.max_response_ms] : [],
  );
  return limits.length ? Math.min(...limits) : DEFAULT_RESPONSE_LIMIT_MS;
}
