import type { PluginInfo, PluginSettings, PluginTestResult } from '@baton/schemas/types';
import { request } from '../client.ts';

export async function listPlugins(signal?: AbortSignal): Promise<PluginInfo[]> {
  return (await request<{ items: PluginInfo[] }>('/api/plugins', { signal })).items;
}

export function getPluginSettings(name: string, signal?: AbortSignal): Promise<PluginSettings> {
  return request<PluginSettings>(`/api/plugins/${encodeURIComponent(name)}/settings`, { signal });
}

export function putPluginSettings(name: string, settings: Record<string, unknown>): Promise<PluginSettings> {
  return request(`/api/plugins/${encodeURIComponent(name)}/settings`, { method: 'PUT', body: settings });
}

/** `null` clears a secret; values are never read back. */
export function putPluginSecrets(name: string, secrets: Record<string, string | null>): Promise<PluginInfo> {
  return request(`/api/plugins/${encodeURIComponent(name)}/secrets`, { method: 'PUT', body: { secrets } });
}

export function setPluginEnabled(name: string, enabled: boolean): Promise<PluginInfo> {
  return request(`/api/plugins/${encodeURIComponent(name)}/${enabled ? 'enable' : 'disable'}`, {
    method: 'POST',
  });
}

export function sendPluginTest(name: string, to: string, text?: string): Promise<PluginTestResult> {
  return request(`/api/plugins/${encodeURIComponent(name)}/test`, {
    method: 'POST',
    body: { to, ...(text ? { text } : {}) },
  });
}
