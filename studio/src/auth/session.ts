/**
 * The signed-in session: the bearer token (and when it expires), kept in localStorage so it survives
 * reloads and is shared by tabs. A tiny external store, read from React with useSyncExternalStore.
 */

const STORAGE_KEY = 'baton.session';

export interface Session {
  token: string;
  expiresAt?: string;
}

/** Why the last session ended; the sign-in page explains it. */
export type EndReason = 'signed_out' | 'expired';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
let lastEndReason: EndReason | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function read(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || typeof (parsed as Session).token !== 'string') return null;
    return parsed as Session;
  } catch {
    return null;
  }
}

function msUntilExpiry(value: Session): number {
  return value.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(value.expiresAt) - Date.now();
}

/** Ends the session when its token expires (the server would answer 401 from then on anyway). */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!current) return;
  const ms = msUntilExpiry(current);
  if (!Number.isFinite(ms)) return;
  // setTimeout holds at most ~24.8 days; re-check then.
  expiryTimer = setTimeout(
    () => (msUntilExpiry(current ?? { token: '' }) <= 0 ? session.end('expired') : scheduleExpiry()),
    Math.max(0, Math.min(ms, 2_147_483_647)),
  );
}

function emit(): void {
  for (const listener of listeners) listener();
}

export const session = {
  /** The live session, or null when signed out. Side-effect free (a useSyncExternalStore snapshot). */
  get(): Session | null {
    return current;
  },
  token(): string | null {
    return session.get()?.token ?? null;
  },
  start(next: Session): void {
    current = next;
    lastEndReason = null;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    scheduleExpiry();
    emit();
  },
  end(reason: EndReason): void {
    if (!current) return;
    current = null;
    lastEndReason = reason;
    localStorage.removeItem(STORAGE_KEY);
    scheduleExpiry();
    emit();
  },
  endReason(): EndReason | null {
    return lastEndReason;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const next = read();
  if (!next && current) lastEndReason = 'signed_out';
  current = next;
  scheduleExpiry();
  emit();
});

scheduleExpiry();
