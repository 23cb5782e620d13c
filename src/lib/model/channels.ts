/**
 * The business's contact channels as they are now: which are affected and how (unavailable,
 * partly unavailable, slow, under maintenance), and which a customer can use instead. One rule
 * for every text that offers a way to reach the business — the channel box, the share texts, the
 * notifications — so that none ever sends people to a channel the page says is down.
 */
import type { ChannelConfig } from '../config/schema.ts';
import { statusRank, STATUSES_WORST_FIRST, type ComponentStatus } from '../status.ts';

/** A status other than operational: how a channel can be affected. */
export type ChannelTrouble = Exclude<ComponentStatus, 'operational'>;

/** The channels affected by one status, in configuration order. */
export interface AffectedChannels {
  status: ChannelTrouble;
  channels: ChannelConfig[];
}

/** The channel box: a contact channel is affected, here is how to reach the business instead. */
export interface ChannelNotice {
  /** Every affected channel with the status of the component it follows, in configuration order. */
  affected: { channel: ChannelConfig; status: ChannelTrouble }[];
  /** The same, one entry per status, worst first: "slow" is never said of a channel that is down. */
  byStatus: AffectedChannels[];
  /** Channels a customer can use now, in fallback order (then configuration order). */
  alternatives: ChannelConfig[];
}

/** A component's status by its id; undefined for a component the site does not know. */
export type StatusOf = (componentId: string) => ComponentStatus | undefined;

/**
 * Whether a customer can use a channel now. Only a channel that works normally is offered: a slow
 * channel still works but is no place to send people who could not reach us elsewhere, and one in
 * maintenance or (partly) down is not usable at all. A channel that follows no component, or one
 * the site does not know, is taken as working.
 */
export function isUsable(channel: ChannelConfig, statusOf: StatusOf): boolean {
  return channelStatus(channel, statusOf) === 'operational';
}

/** The channels a customer can use now, in fallback order, then configuration order. */
export function usableChannels(
  channels: readonly ChannelConfig[],
  statusOf: StatusOf,
): ChannelConfig[] {
  return inFallbackOrder(channels).filter((ch) => isUsable(ch, statusOf));
}

/** Channels by `fallback_order` (those without one last), then in configuration order. */
export function inFallbackOrder(channels: readonly ChannelConfig[]): ChannelConfig[] {
  return channels
    .map((ch, index) => ({ ch, index }))
    .sort(
      (a, b) =>
        (a.ch.fallback_order ?? Infinity) - (b.ch.fallback_order ?? Infinity) || a.index - b.index,
    )
    .map(({ ch }) => ch);
}

/**
 * The channel box: every channel whose component is not operational, grouped by how it is
 * affected, and the channels that can be used instead; undefined when every channel works.
 */
export function channelNotice(
  channels: readonly ChannelConfig[],
  components: readonly { id: string; status: ComponentStatus }[],
): ChannelNotice | undefined {
  return channelNoticeOf(channels, statusesOf(components));
}

/** `channelNotice` with the statuses given as a function. */
export function channelNoticeOf(
  channels: readonly ChannelConfig[],
  statusOf: StatusOf,
): ChannelNotice | undefined {
  const affected = channels.flatMap((channel) => {
    const status = channelStatus(channel, statusOf);
    return status === 'operational' ? [] : [{ channel, status }];
  });
  if (affected.length === 0) return undefined;
  const byStatus = STATUSES_WORST_FIRST.filter((s) => s !== 'operational')
    .map((status) => ({
      status,
      channels: affected.filter((a) => a.status === status).map((a) => a.channel),
    }))
    .filter((group) => group.channels.length > 0);
  return { affected, byStatus, alternatives: usableChannels(channels, statusOf) };
}

/** Statuses by component id, from a list of components. */
export function statusesOf(
  components: readonly { id: string; status: ComponentStatus }[],
): StatusOf {
  const map = new Map(components.map((c) => [c.id, c.status]));
  return (id) => map.get(id);
}

/** The worse of two statuses of one component, for a view that knows more than the site now. */
export function worseOf(a: StatusOf, b: StatusOf): StatusOf {
  return (id) => {
    const x = a(id);
    const y = b(id);
    if (x === undefined) return y;
    if (y === undefined) return x;
    return statusRank(x) >= statusRank(y) ? x : y;
  };
}

function channelStatus(channel: ChannelConfig, statusOf: StatusOf): ComponentStatus {
  return (channel.component && statusOf(channel.component)) || 'operational';
}
