/**
 * Which notifications I have seen: the newest creation time I looked at, per person, in this browser.
 * The server keeps delivery and acknowledgement; "read" is a matter of this screen.
 */
const key = (principalId: string) => `baton.notifications.seen.${principalId}`;

export function seenUpTo(principalId: string): string {
  try {
    return localStorage.getItem(key(principalId)) ?? '';
  } catch {
    return '';
  }
}

export function markSeen(principalId: string, upTo: string): void {
  try {
    if (upTo > seenUpTo(principalId)) localStorage.setItem(key(principalId), upTo);
  } catch {
    // Private mode without storage: the count simply resets on reload.
  }
}
