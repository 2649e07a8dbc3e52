import type { PluginInfo } from '@baton/schemas/types';

const LABELS: Record<PluginInfo['status'], string> = {
  ok: 'Working',
  degraded: 'Some failures',
  failing: 'Failing',
  unconfigured: 'Needs setup',
  disabled: 'Off',
  invalid: 'Broken',
};

const TONES: Record<PluginInfo['status'], string> = {
  ok: 'good',
  degraded: 'warn',
  failing: 'bad',
  unconfigured: 'warn',
  disabled: 'quiet',
  invalid: 'bad',
};

export function PluginStatusBadge({ status }: { status: PluginInfo['status'] }) {
  return <span className={`badge tone tone-${TONES[status]}`}>{LABELS[status]}</span>;
}
