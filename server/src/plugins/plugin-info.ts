/**
 * One job: describe a plugin to an admin (`PluginInfo`): its status in words (invalid, disabled,
 * unconfigured, failing, degraded, ok), what it declares, which secrets are set, its problems and
 * health, and the webhook URLs providers should call.
 */
import type { PluginProblem } from '@baton/plugin-sdk';
import type { PluginInfo } from '@baton/schemas';
import { type Entry, locationOf, type PluginState } from './plugin-entry.ts';

/** The settings schema a plugin declares, or an empty object schema. */
export function settingsSchemaOf(entry: Entry): Record<string, unknown> {
  return (entry.manifest?.settings ?? {
    type: 'object',
    properties: {},
    additionalProperties: false,
  }) as Record<string, unknown>;
}

/**
 * @param state the stored state (undefined for a plugin that did not load)
 * @param errors its config problems when loaded, else its load errors
 */
export function describePlugin(
  entry: Entry,
  state: PluginState | undefined,
  errors: readonly PluginProblem[],
  publicUrl: string,
): PluginInfo {
  const manifest = entry.manifest;
  const enabled = entry.plugin ? state?.enabled !== false : false;
  let status: PluginInfo['status'];
  if (!entry.plugin) status = 'invalid';
  else if (!enabled) status = 'disabled';
  else if (errors.length) status = 'unconfigured';
  else if (entry.health.health.consecutiveFailures >= 3) status = 'failing';
  else if (entry.health.health.consecutiveFailures > 0) status = 'degraded';
  else status = 'ok';
  const hooks = (manifest?.capabilities ?? []).flatMap((cap) =>
    cap.kind === 'ingest'
      ? cap.routes.map((route) => ({
          method: route.method,
          url: `${publicUrl}/hooks/${entry.name}${route.path}`,
          ...(route.summary ? { summary: route.summary } : {}),
        }))
      : [],
  );
  return {
    name: entry.name,
    ...(manifest?.version ? { version: manifest.version } : {}),
    ...(manifest?.title ? { title: manifest.title } : {}),
    ...(manifest?.description ? { description: manifest.description } : {}),
    source: entry.source,
    location: locationOf(entry.dir),
    enabled,
    status,
    capabilities: manifest?.capabilities ?? [],
    ...(manifest ? { settingsSchema: settingsSchemaOf(entry) } : {}),
    secrets: (manifest?.secrets ?? []).map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      required: s.required ?? false,
      set: Boolean(state?.secrets?.[s.name]),
    })),
    errors: errors.map((e) => ({ ...(e.pointer ? { pointer: e.pointer } : {}), message: e.message })),
    health: structuredClone(entry.health.health),
    ...(hooks.length ? { hooks } : {}),
  };
}
