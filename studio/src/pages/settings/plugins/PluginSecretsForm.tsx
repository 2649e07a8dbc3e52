import type { PluginInfo } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { putPluginSecrets } from '../../../api/settings/plugins.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { humanize } from '../../../lib/format.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';

/**
 * Secrets are write-only: the page shows whether each is set, never its value. Typing a new value
 * replaces it; "Remove" clears it. Only the boxes someone typed in are sent.
 */
export function PluginSecretsForm({ plugin }: { plugin: PluginInfo }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (secrets: Record<string, string | null>) => putPluginSecrets(plugin.name, secrets),
    onSuccess: () => {
      setValues({});
      return queryClient.invalidateQueries({ queryKey: queryKeys.plugins });
    },
  });
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));

  return (
    <section className="detail-section" aria-labelledby="plugin-secrets-title">
      <h3 id="plugin-secrets-title" className="detail-section-title">
        Secrets
      </h3>
      <p className="muted small">
        Stored encrypted. Nobody can read them back here — type a new value to replace one.
      </p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (Object.keys(typed).length) save.mutate(typed);
        }}
      >
        {plugin.secrets.map((secret) => (
          <div key={secret.name} className="field">
            <label className="field-label" htmlFor={`secret-${plugin.name}-${secret.name}`}>
              {humanize(secret.name)}
              {secret.required && <span className="muted"> (required)</span>}{' '}
              <span className={secret.set ? 'badge tone tone-good' : 'badge tone tone-warn'}>
                {secret.set ? 'Set' : 'Not set'}
              </span>
            </label>
            <div className="inline-row">
              <input
                id={`secret-${plugin.name}-${secret.name}`}
                type="password"
                autoComplete="new-password"
                placeholder={secret.set ? '•••••••• (unchanged)' : 'Paste the value'}
                value={values[secret.name] ?? ''}
                onChange={(e) => setValues({ ...values, [secret.name]: e.target.value })}
              />
              {secret.set && (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => save.mutate({ [secret.name]: null })}
                >
                  Remove
                </button>
              )}
            </div>
            {secret.description && <span className="field-hint">{secret.description}</span>}
          </div>
        ))}
        {save.error && <ErrorNotice error={save.error} title="The secrets were not saved" compact />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={save.isPending || !Object.keys(typed).length}
          >
            Save secrets
          </button>
          {save.isSuccess && !save.isPending && <span className="saved-note">Saved</span>}
        </div>
      </form>
    </section>
  );
}
