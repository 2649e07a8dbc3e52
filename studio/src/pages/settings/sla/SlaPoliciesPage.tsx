import type { SlaPolicy } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listSlaPolicies } from '../../../api/settings/sla.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { SlaPolicyForm } from './SlaPolicyForm.tsx';

/** The promises made to customers: targets, the business calendar they are measured on, holidays. */
export function SlaPoliciesPage() {
  const policies = useQuery({
    queryKey: queryKeys.slaPolicies,
    queryFn: ({ signal }) => listSlaPolicies(signal),
  });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const list = policies.data ?? [];
  const creating = selected === 'new';
  const current: SlaPolicy | undefined = creating
    ? undefined
    : (list.find((p) => p.id === selected) ?? list[0]);

  return (
    <div className="page page-full">
      <PageHeader
        title="SLA policies"
        meta={policies.isSuccess && <span>Tried in order; the first that matches an issue applies</span>}
        actions={
          <button type="button" className="button button-primary" onClick={() => setSelected('new')}>
            New policy
          </button>
        }
      />
      {policies.isPending && <Loading label="Loading SLA policies…" />}
      {policies.isError && (
        <ErrorNotice
          error={policies.error}
          title="Could not load SLA policies"
          onRetry={() => void policies.refetch()}
        />
      )}
      {policies.isSuccess && (
        <div className="master-detail">
          <ul className="master-list" aria-label="SLA policies">
            {list.map((policy) => (
              <li key={policy.id}>
                <button
                  type="button"
                  className={!creating && policy.id === current?.id ? 'master-item active' : 'master-item'}
                  onClick={() => setSelected(policy.id)}
                >
                  <span className="master-item-title">
                    {policy.name}
                    {policy.isDefault && <span className="badge tone tone-quiet">Default</span>}
                  </span>
                  <span className="master-item-meta">
                    {(policy.calendar.holidays ?? []).length} holidays ·{' '}
                    {policy.calendar.timeZone.replaceAll('_', ' ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {(creating || current) && (
            <SlaPolicyForm
              key={creating ? 'new' : current!.id}
              policy={creating ? undefined : current}
              onSaved={(saved) => setSelected(saved.id)}
              onDeleted={() => setSelected(null)}
            />
          )}
        </div>
      )}
    </div>
  );
}
