import { useWorkspace } from '../../../workspace/WorkspaceContext.tsx';
import { AnnotationList } from './Annotations.tsx';
import { Comments } from './Comments.tsx';
import { Decisions } from './Decisions.tsx';
import { Files } from './Files.tsx';
import { SharedNotes } from './SharedNotes.tsx';

const STATE_TEXT: Record<string, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline: reconnecting',
  closed: 'Closed',
};

/** The live shared workspace of the issue: who is here, notes, decisions, comments, pins and files. */
export function WorkspacePanel({ issueId }: { issueId: string }) {
  const ws = useWorkspace();
  if (!ws) return null;
  return (
    <div className="workspace">
      <div className="ws-presence">
        <span className={`live-dot live-${ws.status.state}`} role="status">
          {ws.status.state === 'closed'
            ? `Closed: ${ws.status.reason || 'the hub ended the connection'}`
            : STATE_TEXT[ws.status.state]}
        </span>
        {ws.peers.length > 0 ? (
          <ul className="peers" aria-label="Also here">
            {ws.peers.map((p) => (
              <li
                key={p.clientId}
                className="peer-chip"
                style={{ borderColor: p.user.color, color: p.user.color }}
                title={p.user.name}
              >
                {p.user.name}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted small">Only you are here</span>
        )}
      </div>
      {!ws.synced ? (
        <p className="muted small">Loading the workspace…</p>
      ) : (
        <>
          <SharedNotes />
          <Decisions />
          <Comments issueId={issueId} />
          <AnnotationList />
          <Files issueId={issueId} />
        </>
      )}
    </div>
  );
}
