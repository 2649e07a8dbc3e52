import { useMe } from '../hooks/useMe.ts';
import { useSignOut } from '../hooks/useSignOut.ts';
import { Avatar } from './Avatar.tsx';

const KIND_LABELS: Record<string, string | null> = {
  user: null,
  apiKey: 'API key',
  adminToken: 'Admin token',
};

/** Who is signed in, with which roles, and the sign-out button. */
export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const principal = me.data;
  const name = principal?.name ?? (me.isError ? 'Unknown user' : '…');

  return (
    <section className="usermenu" aria-label="Signed-in user">
      <div className="usermenu-who">
        <Avatar name={principal?.name ?? '?'} size="sm" />
        <div className="usermenu-text">
          <span className="usermenu-name" title={principal?.email ?? principal?.id}>
            {name}
          </span>
          <span className="usermenu-roles">
            {principal ? [KIND_LABELS[principal.kind], ...principal.roles].filter(Boolean).join(' · ') : ''}
          </span>
        </div>
      </div>
      <button
        type="button"
        className="button button-ghost button-small"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        Sign out
      </button>
    </section>
  );
}
