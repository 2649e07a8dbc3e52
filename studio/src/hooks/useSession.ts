import { useSyncExternalStore } from 'react';
import { type Session, session } from '../auth/session.ts';

/** The current session (re-renders on sign-in, sign-out, expiry and other tabs' changes). */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
