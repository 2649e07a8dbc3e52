import type { PluginInfo } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { listPlugins } from '../../../api/settings/plugins.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { PluginDetail } from './PluginDetail.tsx';
import { PluginStatusBadge } from './PluginStatusBadge.tsx';

const CAPABILITY_LABELS: Record<string, string> = {
  notifier: 'Sends messages',
  ingest: 'Receives webhooks',
  'node-kind': 'Adds flow steps',
  intelligence: 'Intelligence',
};

export function capabilitySummary(plugin: PluginInfo): string {
  return [...new Set(plugin.capabilities.map((c) => CAPABILITY_LABELS[c.kind] ?? c.kind))].join(' · ');
}

export function PluginsPage() {
  const { name } = useParams();
  const plugins = useQuery({ queryKey: queryKeys.plugins, queryFn: ({ signal }) => listPlugins(signal) });
  const selected = plugins.data?.find((p) => p.name === name) ?? plugins.data?.[0];
  const unconfigured = plugins.data?.filter((p) => p.status === 'unconfigured').length ?? 0;

  return (
    <div className="page page-full">
      <PageHeader
        title="Plugins"
        meta={
          plugins.isSuccess && (
            <span>
              {plugins.data.length} plugins · {unconfigured} need setting up
            </span>
          )
        }
      />
      {plugins.isPending && <Loading label="Loading plugins…" />}
      {plugins.isError && (
        <ErrorNotice
          error={plugins.error}
          title="Could not load plugins"
          onRetry={() => void plugins.refetch()}
        />
      )}
      {plugins.isSuccess && !plugins.data.length && (
        <EmptyState title="No plugins installed">
          Plugins live in the plugins/ folder of the server.
        </EmptyState>
      )}
      {plugins.isSuccess && selected && (
        <div className="master-detail">
          <ul className="master-list" aria-label="Plugins">
            {plugins.data.map((plugin) => (
              <li key={plugin.name}>
                <Link
                  to={`/settings/plugins/${plugin.name}`}
                  className={plugin.name === selected.name ? 'master-item active' : 'master-item'}
                  aria-current={plugin.name === selected.name ? 'page' : undefined}
                >
                  <span className="master-item-title">
                    {plugin.title ?? plugin.name}
                    <PluginStatusBadge status={plugin.status} />
                  </span>
                  <span className="master-item-meta">{capabilitySummary(plugin)}</span>
                </Link>
              </li>
            ))}
          </ul>
          <PluginDetail key={selected.name} plugin={selected} />
        </div>
      )}
    </div>
  );
}
