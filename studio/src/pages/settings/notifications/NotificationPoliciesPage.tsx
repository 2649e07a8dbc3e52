import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getNotificationPolicy } from '../../../api/settings/notificationPolicies.ts';
import { listUsers } from '../../../api/settings/people.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { NotificationPolicyForm } from './NotificationPolicyForm.tsx';

/** How each person hears about things: channels by urgency, their addresses, quiet hours. */
export function NotificationPoliciesPage() {
  const users = useQuery({ queryKey: queryKeys.users, queryFn: ({ signal }) => listUsers(signal) });
  const [userId, setUserId] = useState('');
  const chosen = userId || users.data?.[0]?.id || '';
  const policy = useQuery({
    queryKey: queryKeys.notificationPolicy(chosen),
    queryFn: ({ signal }) => getNotificationPolicy(chosen, signal),
    enabled: Boolean(chosen),
  });
  const person = users.data?.find((u) => u.id === chosen);

  return (
    <div className="page page-full">
      <PageHeader title="Notification policies" meta={<span>One per person</span>} />
      <div className="page-body">
        {users.isPending && <Loading label="Loading people…" />}
        {users.isError && (
          <ErrorNotice
            error={users.error}
            title="Could not load people"
            onRetry={() => void users.refetch()}
          />
        )}
        {users.isSuccess && !users.data.length && (
          <EmptyState title="Nobody to notify yet">Add users under Users & API keys first.</EmptyState>
        )}
        {users.isSuccess && users.data.length > 0 && (
          <label className="field" style={{ maxWidth: 320 }}>
            <span className="field-label">Person</span>
            <select value={chosen} onChange={(e) => setUserId(e.target.value)}>
              {users.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </label>
        )}
        {policy.isPending && chosen && <Loading label="Loading their policy…" />}
        {policy.isError && (
          <ErrorNotice
            error={policy.error}
            title="Could not load the policy"
            onRetry={() => void policy.refetch()}
          />
        )}
        {policy.data && person && <NotificationPolicyForm key={chosen} user={person} policy={policy.data} />}
      </div>
    </div>
  );
}
