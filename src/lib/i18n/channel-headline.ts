/**
 * The channel box's heading: one sentence per way the channels are affected, worst first, each
 * naming its channels as the language lists them and agreeing with how many there are
 * ("WhatsApp and Instagram are unavailable; Phone is slow").
 */
import type { ComponentStatus } from '../status.ts';
import type { Formatter } from './format.ts';
import { fill, type Messages } from './messages.ts';

/** Channels affected in one way: the status of their component and their names. */
export interface AffectedNames {
  status: Exclude<ComponentStatus, 'operational'>;
  names: readonly string[];
}

/** The heading for these groups of affected channels. */
export function channelHeadline(
  groups: readonly AffectedNames[],
  t: Messages,
  fmt: Pick<Formatter, 'list' | 'plural'>,
): string {
  return groups
    .map(({ status, names }) =>
      fill(fmt.plural(t.channels.state[status], names.length), { channels: fmt.list(names) }),
    )
    .join(t.channels.separator);
}
