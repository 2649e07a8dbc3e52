import type { ApiKeyCreate, Role } from '@baton/schemas/types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../api/settings/people.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { ROLE_OPTIONS, roleLabel } from '../common/roles.ts';

const EXPIRY = [
  { days: 0, label: 'Never' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In a year' },
];

export function ApiKeysSection() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: queryKeys.apiKeys, queryFn: ({ signal }) => listApiKeys(signal) });
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['integrator']);
  const [expiry, setExpiry] = useState(0);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const body: ApiKeyCreate = {
        name: name.trim(),
        roles: roles as ApiKeyCreate['roles'],
        ...(expiry ? { expiresAt: new Date(Date.now() + expiry * 86_400_000).toISOString() } : {}),
      };
      return createApiKey(body);
    },
    onSuccess: (created) => {
      setSecret({ name: created.apiKey.name, secret: created.secret });
      setName('');
      return queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
  const active = (keys.data ?? []).filter((k) => !k.revokedAt);

  return (
    <section className="section" aria-labelledby="keys-title">
      <h2 id="keys-title" className="section-title">
        API keys
      </h2>
      {secret && (
        <div className="secret-once" role="status">
          <strong>Copy the key "{secret.name}" now — it is shown only this once.</strong>
          <code data-testid="new-api-key">{secret.secret}</code>
          <div className="inline-row">
            <button
              type="button"
              className="button button-small"
              onClick={() => void navigator.clipboard?.writeText(secret.secret)}
            >
              Copy
            </button>
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setSecret(null)}
            >
              I have copied it
            </button>
          </div>
        </div>
      )}
      <form
        className="form form-row"
        aria-label="New API key"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label className="field">
          <span className="field-label">Key name</span>
          <input
            className="settings-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. CRM sync"
            required
          />
          <FieldErrors error={create.error} pointer="/body/name" />
        </label>
        <div className="field">
          <span className="field-label">Roles</span>
          <ChoiceChips label="Key roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} />
        </div>
        <label className="field">
          <span className="field-label">Expires</span>
          <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
            {EXPIRY.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || !name.trim() || !roles.length}
        >
          Create key
        </button>
      </form>
      {create.error && <ErrorNotice error={create.error} title="The key was not created" compact />}
      {keys.isPending && <Loading label="Loading API keys…" />}
      {keys.isError && (
        <ErrorNotice error={keys.error} title="Could not load API keys" onRetry={() => void keys.refetch()} />
      )}
      {keys.isSuccess && !active.length && <EmptyState title="No API keys yet" />}
      {active.length > 0 && (
        <table className="table settings-table" aria-label="API keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Roles</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((key) => (
              <tr key={key.id}>
                <td>
                  <strong>{key.name}</strong>
                </td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.roles.map(roleLabel).join(', ')}</td>
                <td>
                  <RelativeTime iso={key.createdAt} />
                </td>
                <td>
                  {key.lastUsedAt ? (
                    <RelativeTime iso={key.lastUsedAt} />
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
                <td>
                  {key.expiresAt ? (
                    new Date(key.expiresAt).toLocaleDateString()
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    onClick={() =>
                      window.confirm(`Revoke "${key.name}"? Integrations using it stop working.`) &&
                      revoke.mutate(key.id)
                    }
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error && <ErrorNotice error={revoke.error} title="The key was not revoked" compact />}
    </section>
  );
}
