import type { Channel } from '../api/types.ts';
import { CHANNEL_LABELS, labelOf } from '../lib/format.ts';

export function ChannelLabel({ channel }: { channel: Channel }) {
  return <span className={`channel channel-${channel}`}>{labelOf(CHANNEL_LABELS, channel)}</span>;
}
