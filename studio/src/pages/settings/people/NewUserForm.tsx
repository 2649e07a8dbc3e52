import type { Role, UserCreate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createUser } from '../../../api/settings/people.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useAgents } from '../../../hooks/useAgents.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { ROLE_OPTIONS } from '../common/roles.ts';
import { TextField } from '../common/TextField.tsx';

export function NewUserForm({ onDone }: { onDone(): void }) {
  const queryClient = useQueryClient();
  const agents = useAgents();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['agent']);
  const [agentId, setAgentId] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const body: UserCreate = {
        name: name.trim(),
        email: email.trim(),
        password,
        roles: roles as UserCreate['roles'],
        ...(agentId ? { agentId } : {}),
      };
      return createUser(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onDone();
    },
  });
  return (
    <form
      className="detail-panel form"
      aria-label="New user"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3 className="detail-title">New user</h3>
      <div className="form-grid">
        <TextField
          label="Name"
          error={create.error}
          pointer="/body/name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <TextField
          label="Email"
          error={create.error}
          pointer="/body/email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <TextField
          label="First password"
          error={create.error}
          pointer="/body/password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder="At least 12 characters"
          required
        />
        <label className="field">
          <span className="field-label">Works as agent</span>
          <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">Nobody — does not work issues</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldErrors error={create.error} pointer="/body/agentId" />
        </label>
      </div>
      <div className="field">
        <span className="field-label">Roles</span>
        <ChoiceChips label="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} />
        <FieldErrors error={create.error} pointer="/body/roles" />
      </div>
      {create.error && <ErrorNotice error={create.error} title="The user was not created" compact />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || !roles.length}>
          Create user
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
