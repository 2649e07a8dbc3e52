/**
 * What the editor's pickers choose from: people, teams, queues, policies, plugins, templates —
 * each as a value the document stores (an id, a name) and the words a person reads.
 */
import type { MessageTemplate, PluginInfo, RoutingPolicy, SlaPolicy, User } from '@baton/schemas/types';
import { request } from './client.ts';
import type { ItemList } from './types.ts';

export interface PickerOption {
  /** What the document stores. */
  value: string;
  /** What the person reads. */
  label: string;
  /** A second line: the team, the role, the description. */
  hint?: string;
}

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  return (await request<ItemList<User>>('/api/users', { signal })).items;
}

export async function listPlugins(signal?: AbortSignal): Promise<PluginInfo[]> {
  return (await request<ItemList<PluginInfo>>('/api/plugins', { signal })).items;
}

export async function listSlaPolicies(signal?: AbortSignal): Promise<SlaPolicy[]> {
  return (await request<ItemList<SlaPolicy>>('/api/sla/policies', { signal })).items;
}

export async function listRoutingPolicies(signal?: AbortSignal): Promise<RoutingPolicy[]> {
  return (await request<ItemList<RoutingPolicy>>('/api/routing/policies', { signal })).items;
}

const PURPOSE: Record<string, string> = {
  'handoff-brief': 'Handoff brief',
  introduction: 'Warm introduction',
  'customer-update': 'Customer update',
  'war-room': 'War-room post',
  other: 'Other',
};

/** Stored templates of the template library, by name (what notify and handoff nodes name). */
export async function listTemplates(signal?: AbortSignal): Promise<PickerOption[]> {
  const page = await request<ItemList<MessageTemplate>>('/api/templates', { signal });
  return page.items.map((t) => ({
    value: t.name,
    label: t.name,
    hint: [PURPOSE[t.purpose] ?? t.purpose, t.description].filter(Boolean).join(' · '),
  }));
}
