/**
 * Colours, sizes and status icons of the share images. The colours are the site's light theme
 * (shared with the badges, dark enough for white text at 4.5:1); each status also has its own icon
 * shape and is always written in words beside it, so colour is never the only signal.
 */
import { NO_DATA_COLOUR, STATUS_COLOURS } from '../badges/colours.ts';
import type { DayLevel } from '../model/site.ts';
import { INDICATOR_STATUS, type ComponentStatus, type Impact } from '../status.ts';
import { el, type Element } from './elements.ts';

/** Open Graph's recommended size; X and LinkedIn crop it the least. */
export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;

export const COLOURS = {
  background: '#ffffff',
  text: '#1c1917',
  muted: '#57534e',
  line: '#d6d3d1',
  noData: NO_DATA_COLOUR,
  status: STATUS_COLOURS,
};

/** The component status whose colour and icon an impact takes: its indicator's (`none`: grey). */
export const IMPACT_STATUS: Record<Impact, ComponentStatus | undefined> = {
  none: undefined,
  minor: INDICATOR_STATUS.minor,
  major: INDICATOR_STATUS.major,
  critical: INDICATOR_STATUS.critical,
};

/** A day of the 90-day bar: its colour and its height (worse days are shorter, as on the site). */
export const DAY_STYLE: Record<DayLevel, { colour: string; height: number }> = {
  operational: { colour: STATUS_COLOURS.operational, height: 1 },
  degraded: { colour: STATUS_COLOURS.degraded_performance, height: 0.85 },
  partial: { colour: STATUS_COLOURS.partial_outage, height: 0.65 },
  major: { colour: STATUS_COLOURS.major_outage, height: 0.45 },
  maintenance: { colour: STATUS_COLOURS.under_maintenance, height: 0.85 },
  nodata: { colour: 'transparent', height: 1 },
};

/**
 * Icon shapes and marks on a 24-unit grid: a disc with a tick, a triangle with "!", a disc with a
 * bar, a square with a cross, a disc with clock hands. `none` (no status) is a plain ring.
 */
const ICONS: Record<ComponentStatus | 'none', { shape: string; mark: string }> = {
  operational: { shape: disc(), mark: 'M7 12.5l3.2 3.2L17 9' },
  degraded_performance: { shape: 'M12 2.5L23 21.5H1z', mark: 'M12 9v5.5M12 17.6v.4' },
  partial_outage: { shape: disc(), mark: 'M7 12h10' },
  major_outage: { shape: 'M2 2h20v20H2z', mark: 'M7.5 7.5l9 9M16.5 7.5l-9 9' },
  under_maintenance: { shape: disc(), mark: 'M12 6.5V12l4 2.5' },
  none: { shape: disc(), mark: 'M8 12h8' },
};

/** A status icon: the shape filled with `fill`, its mark drawn in `mark`. */
export function statusIcon(
  status: ComponentStatus | undefined,
  size: number,
  colours: { fill: string; mark: string },
): Element {
  const icon = ICONS[status ?? 'none'];
  return el(
    'svg',
    { width: size, height: size, viewBox: '0 0 24 24', style: { flexShrink: 0 } },
    el('path', { d: icon.shape, fill: colours.fill }),
    el('path', {
      d: icon.mark,
      fill: 'none',
      stroke: colours.mark,
      'stroke-width': 2.6,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
    }),
  );
}

/** The colour of a status, grey when there is none. */
export function statusColour(status: ComponentStatus | undefined): string {
  return status ? STATUS_COLOURS[status] : NO_DATA_COLOUR;
}

function disc(): string {
  return 'M12 1a11 11 0 1 0 0 22a11 11 0 1 0 0-22z';
}
