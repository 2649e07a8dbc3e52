import type { Peer } from '../../../hooks/usePresence.ts';

/** Who else has this draft open. */
export function PresenceAvatars({ peers }: { peers: Peer[] }) {
  if (!peers.length) return null;
  return (
    <ul className="presence" aria-label="Also editing">
      {peers.map((p) => (
        <li key={p.clientId} title={p.user.name} style={{ background: p.user.color }}>
          {p.user.name.slice(0, 1).toUpperCase()}
        </li>
      ))}
    </ul>
  );
}
