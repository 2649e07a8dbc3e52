import type { PluginInfo, PluginTestResult } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { sendPluginTest } from '../../../api/settings/plugins.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { FieldErrors } from '../common/FieldErrors.tsx';

/** What to type as the address, per channel. */
const ADDRESS_HINTS: Record<string, { label: string; placeholder: string }> = {
  slack: { label: 'Slack channel or member', placeholder: '#support-leads or U024BE7LH' },
  email: { label: 'Email address', placeholder: 'you@example.com' },
  sms: { label: 'Phone number', placeholder: '+44 7700 900123' },
  webhook: { label: 'Address (URL)', placeholder: 'https://hooks.example.com/baton' },
};

const OUTCOMES: Record<PluginTestResult['outcome'], string> = {
  delivered: 'Delivered',
  retry: 'The provider asked to try again later',
  failed: 'The provider refused it',
  timeout: 'The provider did not answer in time',
  invalid: 'The plugin answered something Baton does not understand',
  error: 'The plugin failed',
  unavailable: 'Not ready to send',
};

/** "Send a test": one message, now, through this plugin — the quickest check that setup works. */
export function PluginTestSend({ plugin, channel }: { plugin: PluginInfo; channel: string }) {
  const queryClient = useQueryClient();
  const hint = ADDRESS_HINTS[channel] ?? { label: 'Address', placeholder: '' };
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => sendPluginTest(plugin.name, to.trim(), text.trim() || undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.plugins }),
  });
  const result = send.data;

  return (
    <section className="detail-section" aria-labelledby="plugin-test-title">
      <h3 id="plugin-test-title" className="detail-section-title">
        Send a test
      </h3>
      <form
        className="form form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (to.trim()) send.mutate();
        }}
      >
        <label className="field">
          <span className="field-label">{hint.label}</span>
          <input value={to} onChange={(e) => setTo(e.target.value)} placeholder={hint.placeholder} />
          <FieldErrors error={send.error} pointer="/body/to" />
        </label>
        <label className="field field-grow">
          <span className="field-label">Message (optional)</span>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="This is a test message from Baton"
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={send.isPending || !to.trim() || !plugin.enabled}
          title={plugin.enabled ? undefined : 'Turn the plugin on first'}
        >
          {send.isPending ? 'Sending…' : 'Send test'}
        </button>
      </form>
      {send.error && <ErrorNotice error={send.error} title="The test was not sent" compact />}
      {result && (
        <div
          role="status"
          className={result.outcome === 'delivered' ? 'notice notice-success' : 'notice notice-error'}
        >
          <div className="notice-body">
            <strong className="notice-title">{OUTCOMES[result.outcome]}</strong>
            <span className="notice-detail">
              {result.outcome === 'delivered'
                ? `Sent through ${plugin.title ?? plugin.name} in ${Math.round(result.durationMs)} ms.`
                : result.error}
            </span>
          </div>
        </div>
      )}
    </section>
  );
}
