/**
 * Badge colours and the thresholds that choose them. The colours are the site's own (light theme),
 * dark enough that the white text badge-maker writes on them keeps a contrast of at least 4.5:1.
 */
import type { ComponentStatus } from '../status.ts';

/** The colour of each component status. */
export const STATUS_COLOURS: Record<ComponentStatus, string> = {
  operational: '#15803d',
  degraded_performance: '#a16207',
  partial_outage: '#c2410c',
  major_outage: '#b91c1c',
  under_maintenance: '#1d4ed8',
};

/** A day or period without data is never shown as green (docs/rules.md, "Uptime"): a neutral grey. */
export const NO_DATA_COLOUR = '#57534e';

/**
 * Uptime levels, best first: the first whose minimum the uptime reaches gives the colour.
 * 99.9 % allows about 43 minutes down in 30 days; 99 % about 7 hours; 95 % a day and a half.
 */
export const UPTIME_LEVELS: readonly { min: number; status: ComponentStatus }[] = [
  { min: 0.999, status: 'operational' },
  { min: 0.99, status: 'degraded_performance' },
  { min: 0.95, status: 'partial_outage' },
  { min: 0, status: 'major_outage' },
];

/**
 * Response time above which the badge turns the degraded colour when no check sets its own limit
 * (`max_response_ms`): one second, where users start to notice waiting.
 */
export const DEFAULT_RESPONSE_LIMIT_MS = 1000;
