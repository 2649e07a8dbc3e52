import type { LiveStatus } from '../../../hooks/useLiveDoc.ts';

const CLOSED: Record<number, string> = {
  4401: 'Signed out: sign in again to edit',
  4403: 'You may not open this flow',
  4404: 'This flow no longer exists',
  4429: 'Too many changes at once: reload to reconnect',
};

/** Whether edits are reaching everyone else right now. */
export function LiveStatusBadge({ status, readOnly }: { status: LiveStatus; readOnly: boolean }) {
  const text =
    status.state === 'live'
      ? readOnly
        ? 'Live · read only'
        : 'Live'
      : status.state === 'connecting'
        ? 'Connecting…'
        : status.state === 'offline'
          ? 'Offline: edits are kept and sync when back'
          : (CLOSED[status.code] ?? `Disconnected: ${status.reason || status.code}`);
  return (
    <span className={`live-status live-${status.state}`} role="status" title={text}>
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
