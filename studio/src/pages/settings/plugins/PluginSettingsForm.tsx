import type { PluginInfo } from '@baton/schemas/types';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getPluginSettings, putPluginSettings } from '../../../api/settings/plugins.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { settingsValidator } from '../common/formValidator.ts';

const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

/**
 * The plugin's settings as a form generated from its own JSON Schema (each plugin declares titles
 * and descriptions there), saved whole. The server validates again and names the field on error.
 */
export function PluginSettingsForm({ plugin }: { plugin: PluginInfo }) {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: queryKeys.pluginSettings(plugin.name),
    queryFn: ({ signal }) => getPluginSettings(plugin.name, signal),
  });
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data.settings);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (next: Record<string, unknown>) => putPluginSettings(plugin.name, next),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.pluginSettings(plugin.name), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.plugins, exact: true });
    },
  });

  return (
    <section className="detail-section" aria-labelledby="plugin-settings-title">
      <h3 id="plugin-settings-title" className="detail-section-title">
        Settings
      </h3>
      {settings.isPending && <Loading label="Loading settings…" />}
      {settings.isError && <ErrorNotice error={settings.error} title="Could not load the settings" />}
      {settings.isSuccess && draft && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft);
          }}
        >
          <Form
            tagName="div"
            className="settings-form"
            schema={settings.data.schema as RJSFSchema}
            uiSchema={UI}
            formData={draft}
            validator={settingsValidator}
            noHtml5Validate
            showErrorList={false}
            liveValidate
            idPrefix={`plugin-${plugin.name}`}
            onChange={(event) => setDraft((event.formData ?? {}) as Record<string, unknown>)}
          />
          {save.error && <ErrorNotice error={save.error} title="The settings were not saved" compact />}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              Save settings
            </button>
            {save.isSuccess && !save.isPending && <span className="saved-note">Saved</span>}
          </div>
        </form>
      )}
    </section>
  );
}
