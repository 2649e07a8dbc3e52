import { ViewportPortal } from '@xyflow/react';
import type { Peer } from '../../../hooks/usePresence.ts';

/** Co-editors' pointers, in flow coordinates (they stay on the node they point at as you pan). */
export function PeerCursors({ peers }: { peers: Peer[] }) {
  return (
    <ViewportPortal>
      {peers
        .filter((p) => p.cursor)
        .map((p) => (
          <div
            key={p.clientId}
            className="peer-cursor"
            style={
              {
                transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)`,
                '--peer': p.user.color,
              } as React.CSSProperties
            }
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 1l5.5 13 2-5.5L14 6.5z" fill="var(--peer)" stroke="#fff" strokeWidth="1" />
            </svg>
            <span>{p.user.name}</span>
          </div>
        ))}
    </ViewportPortal>
  );
}
