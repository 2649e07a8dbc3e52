import { Navigate, Outlet, useLocation } from 'react-router';
import { session } from '../auth/session.ts';
import { useSession } from '../hooks/useSession.ts';

/** Lets signed-in users through; sends everyone else to sign-in, remembering where they were going. */
export function RequireSession() {
  const current = useSession();
  const location = useLocation();
  if (!current) {
    // After an explicit sign-out, start afresh; otherwise come back here after signing in.
    const next = session.endReason() === 'signed_out' ? '/' : `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }
  return <Outlet />;
}
