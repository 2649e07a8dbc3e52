import type { Notification as BatonNotification } from '@baton/schemas/types';
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ackNotification } from '../api/notifications.ts';
import { useMe } from '../hooks/useMe.ts';
import { useMyNotifications } from '../hooks/useMyNotifications.ts';
import { useNotificationStream } from '../hooks/useNotificationStream.ts';
import { useWorkAction } from '../hooks/useWorkAction.ts';
import { bellText } from '../notifications/bellText.ts';
import { markSeen, seenUpTo } from '../notifications/seen.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { RelativeTime } from './RelativeTime.tsx';

/** The text with its links as {@link bellText} reads them. */
function BellText({ text, issueId, onOpen }: { text: string; issueId?: string | undefined; onOpen(): void }) {
  return bellText(text, issueId).map((part, i) => {
    // The parts are the text's, in its order, and never move: their place is their key.
    const key = `${i}:${part.kind}`;
    if (part.kind === 'text') return <Fragment key={key}>{part.text}</Fragment>;
    if (part.kind === 'issue')
      return (
        <Link key={key} to={`/issues/${encodeURIComponent(issueId ?? '')}`} onClick={onOpen}>
          this issue
        </Link>
      );
    return (
      <a key={key} href={part.href} target="_blank" rel="noreferrer">
        {part.href}
      </a>
    );
  });
}

function NotificationRow({ item, onOpen }: { item: BatonNotification; onOpen(): void }) {
  const ack = useWorkAction(() => ackNotification(item.id));
  const needsAck = item.ack?.required && !item.ack.ackedAt;
  return (
    <li className={`bell-item urgency-${item.urgency}`}>
      <div className="bell-item-head">
        <strong>{item.message.subject ?? 'Notification'}</strong>
        <RelativeTime iso={item.createdAt} />
      </div>
      <p className="bell-text">
        <BellText text={item.message.text} issueId={item.issueId} onOpen={onOpen} />
      </p>
      <div className="row-actions">
        {item.issueId && (
          <Link
            to={`/issues/${encodeURIComponent(item.issueId)}`}
            className="button button-small"
            onClick={onOpen}
          >
            Open issue
          </Link>
        )}
        {needsAck && (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={ack.isPending}
            onClick={() => ack.mutate(undefined)}
          >
            {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
        {item.ack?.ackedAt && <span className="muted small">Acknowledged</span>}
      </div>
      {ack.error && <ErrorNotice error={ack.error} title="Not acknowledged" compact />}
    </li>
  );
}

/** The bell: unread count from the live stream, the latest notifications, click through, acknowledge. */
export function NotificationBell() {
  const me = useMe();
  const principalId = me.data?.id ?? '';
  const stream = useNotificationStream();
  const list = useMyNotifications();
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState('');
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => setSeen(principalId ? seenUpTo(principalId) : ''), [principalId]);
  const items = (list.data?.items ?? []).filter((n) => n.status !== 'cancelled');
  const unread = items.filter((n) => n.createdAt > seen).length;

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && items[0] && principalId) {
      markSeen(principalId, items[0].createdAt);
      setSeen(items[0].createdAt);
    }
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="bell" ref={panel}>
      <button
        type="button"
        className="bell-button"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        onClick={toggle}
        title={stream === 'live' ? 'Notifications (live)' : 'Notifications (reconnecting…)'}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread > 0 && <span className="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-panel-head">
            <strong>Notifications</strong>
            {permission === 'default' && (
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => void Notification.requestPermission().then(setPermission)}
              >
                Enable desktop alerts
              </button>
            )}
          </div>
          {list.isPending && <p className="muted small">Loading…</p>}
          {list.isError && <ErrorNotice error={list.error} title="Could not load notifications" compact />}
          {list.isSuccess && items.length === 0 && (
            <p className="muted small bell-empty">
              Nothing yet. Offers, handoffs, mentions and escalations show up here.
            </p>
          )}
          <ul className="bell-list">
            {items.map((item) => (
              <NotificationRow key={item.id} item={item} onOpen={() => setOpen(false)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
