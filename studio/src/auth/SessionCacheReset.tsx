import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSession } from '../hooks/useSession.ts';

/** When the session ends (sign-out, expiry, a 401, another tab), drop every cached response. */
export function SessionCacheReset() {
  const current = useSession();
  const queryClient = useQueryClient();
  const previousToken = useRef(current?.token);
  useEffect(() => {
    if (previousToken.current && previousToken.current !== current?.token) queryClient.clear();
    previousToken.current = current?.token;
  }, [current, queryClient]);
  return null;
}
