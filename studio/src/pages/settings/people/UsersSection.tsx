import type { Role, User } from '@baton/schemas/types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { listUsers, updateUser } from '../../../api/settings/people.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { useAgents } from '../../../hooks/useAgents.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { ROLE_OPTIONS, roleLabel } from '../common/roles.ts';
import { NewUserForm } from './NewUserForm.tsx';

export function UsersSection() {
  const users = useQuery({ queryKey: queryKeys.users, queryFn: ({ signal }) => listUsers(signal) });
  const agents = useAgents();
  const agentName = new Map((agents.data ?? []).map((a) => [a.id, a.name]));
  const [adding, setAdding] = useState(false);

  return (
    <section className="section" aria-labelledby="users-title">
      <div className="inline-row" style={{ justifyContent: 'space-between' }}>
        <h2 id="users-title" className="section-title">
          Users
        </h2>
        {!adding && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add user
          </button>
        )}
      </div>
      {adding && <NewUserForm onDone={() => setAdding(false)} />}
      {users.isPending && <Loading label="Loading users…" />}
      {users.isError && (
        <ErrorNotice error={users.error} title="Could not load users" onRetry={() => void users.refetch()} />
      )}
      {users.isSuccess && !users.data.length && <EmptyState title="Nobody signs in with a password yet" />}
      {users.isSuccess && users.data.length > 0 && (
        <table className="table settings-table" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Works as agent</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} agentName={agentName.get(user.agentId ?? '')} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UserRow({ user, agentName }: { user: User; agentName: string | undefined }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const update = useMutation({
    mutationFn: (patch: Parameters<typeof updateUser>[1]) => updateUser(user.id, patch),
    onSuccess: () => {
      setEditing(false);
      return queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
  return (
    <tr className={user.disabled ? 'muted' : undefined}>
      <td>
        <strong>{user.name}</strong>
        {user.disabled && <span className="badge tone tone-quiet"> Disabled</span>}
      </td>
      <td>{user.email}</td>
      <td>
        {editing ? (
          <ChoiceChips
            label={`Roles of ${user.name}`}
            options={ROLE_OPTIONS}
            value={roles}
            onChange={setRoles}
          />
        ) : (
          user.roles.map(roleLabel).join(', ')
        )}
        {update.error && <ErrorNotice error={update.error} compact />}
      </td>
      <td>{agentName ?? <span className="muted">—</span>}</td>
      <td>
        {user.lastLoginAt ? <RelativeTime iso={user.lastLoginAt} /> : <span className="muted">never</span>}
      </td>
      <td>
        <div className="inline-row">
          {editing ? (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={!roles.length || update.isPending}
                onClick={() => update.mutate({ roles: roles as [Role, ...Role[]] })}
              >
                Save roles
              </button>
              <button type="button" className="button button-small" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="button button-small" onClick={() => setEditing(true)}>
              Change roles
            </button>
          )}
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => update.mutate({ disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        </div>
      </td>
    </tr>
  );
}
