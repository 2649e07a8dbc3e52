import type { RoutingPolicy } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listRoutingPolicies } from '../../../api/settings/routing.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { RoutingPolicyForm } from './RoutingPolicyForm.tsx';
import { STRATEGY_LABELS } from './strategies.ts';

/** One assignment policy per queue: who may take its work and how the next one is picked. */
export function RoutingPoliciesPage() {
  const policies = useQuery({
    queryKey: queryKeys.routingPolicies,
    queryFn: ({ signal }) => listRoutingPolicies(signal),
  });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const list = [...(policies.data ?? [])].sort((a, b) => a.queue.localeCompare(b.queue));
  const current: RoutingPolicy | undefined =
    selected === 'new' ? undefined : (list.find((p) => p.id === selected) ?? list[0]);
  const creating = selected === 'new' || (policies.isSuccess && !list.length);

  return (
    <div className="page page-full">
      <PageHeader
        title="Routing policies"
        meta={policies.isSuccess && <span>One per queue · {list.length} queues have one</span>}
        actions={
          <button type="button" className="button button-primary" onClick={() => setSelected('new')}>
            New policy
          </button>
        }
      />
      {policies.isPending && <Loading label="Loading routing policies…" />}
      {policies.isError && (
        <ErrorNotice
          error={policies.error}
          title="Could not load routing policies"
          onRetry={() => void policies.refetch()}
        />
      )}
      {policies.isSuccess && (
        <div className="master-detail">
          <div>
            {!list.length && (
              <EmptyState title="No queue has a policy yet">
                Issues wait in their queue until someone takes them.
              </EmptyState>
            )}
            <ul className="master-list" aria-label="Routing policies">
              {list.map((policy) => (
                <li key={policy.id}>
                  <button
                    type="button"
                    className={!creating && policy.id === current?.id ? 'master-item active' : 'master-item'}
                    onClick={() => setSelected(policy.id)}
                  >
                    <span className="master-item-title">{policy.queue}</span>
                    <span className="master-item-meta">{STRATEGY_LABELS[policy.strategy].title}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <RoutingPolicyForm
            key={creating ? 'new' : current?.id}
            policy={creating ? undefined : current}
            onSaved={(saved) => setSelected(saved.id)}
            onDeleted={() => setSelected(null)}
          />
        </div>
      )}
    </div>
  );
}
