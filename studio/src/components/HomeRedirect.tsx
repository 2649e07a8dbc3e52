import { Navigate } from 'react-router';
import { useMe } from '../hooks/useMe.ts';
import { Loading } from './Loading.tsx';
import { homeFor } from './navigation.ts';

/** `/`: agents land on My work, everyone else on the inbox. */
export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <Loading label="Signing in…" />;
  return <Navigate to={homeFor(me.data)} replace />;
}
