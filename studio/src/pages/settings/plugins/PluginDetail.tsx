import type { PluginInfo } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setPluginEnabled } from '../../../api/settings/plugins.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { PluginHealth } from './PluginHealth.tsx';
import { PluginHooks } from './PluginHooks.tsx';
import { PluginSecretsForm } from './PluginSecretsForm.tsx';
import { PluginSettingsForm } from './PluginSettingsForm.tsx';
import { PluginStatusBadge } from './PluginStatusBadge.tsx';
import { PluginTestSend } from './PluginTestSend.tsx';

/** One plugin: on/off, what it still needs, its settings and secrets, a test, its webhooks, its health. */
export function PluginDetail({ plugin }: { plugin: PluginInfo }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => setPluginEnabled(plugin.name, !plugin.enabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plugins }),
  });
  const hasSettings = Object.keys(
    ((plugin.settingsSchema as { properties?: object } | undefined)?.properties ?? {}) as object,
  ).length;
  const notifier = plugin.capabilities.find((c) => c.kind === 'notifier');

  return (
    <article className="detail-panel" aria-labelledby="plugin-title">
      <header className="detail-header">
        <div>
          <h2 id="plugin-title" className="detail-title">
            {plugin.title ?? plugin.name} <PluginStatusBadge status={plugin.status} />
          </h2>
          {plugin.description && <p className="detail-description">{plugin.description}</p>}
        </div>
        {plugin.status !== 'invalid' && (
          <button
            type="button"
            className={plugin.enabled ? 'button' : 'button button-primary'}
            onClick={() => toggle.mutate()}
            disabled={toggle.isPending}
          >
            {plugin.enabled ? 'Turn off' : 'Turn on'}
          </button>
        )}
      </header>
      {toggle.error && <ErrorNotice error={toggle.error} compact />}
      {plugin.errors.length > 0 && (
        <div className="notice notice-info" role="status">
          <div className="notice-body">
            <strong className="notice-title">
              {plugin.status === 'invalid' ? 'This plugin cannot load' : 'Still to do before it works'}
            </strong>
            <ul className="notice-errors">
              {plugin.errors.map((e) => (
                <li key={`${e.pointer}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {plugin.status !== 'invalid' && (
        <>
          {hasSettings > 0 && <PluginSettingsForm plugin={plugin} />}
          {plugin.secrets.length > 0 && <PluginSecretsForm plugin={plugin} />}
          {notifier && notifier.kind === 'notifier' && (
            <PluginTestSend plugin={plugin} channel={notifier.channel} />
          )}
          {plugin.hooks && plugin.hooks.length > 0 && <PluginHooks plugin={plugin} />}
        </>
      )}
      <PluginHealth health={plugin.health} />
    </article>
  );
}
