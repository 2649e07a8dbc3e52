import type { RoutingPolicy, RoutingPolicyCreate, RoutingPolicyUpdate } from '@baton/schemas/types';
import { request } from '../client.ts';

export async function listRoutingPolicies(signal?: AbortSignal): Promise<RoutingPolicy[]> {
  return (await request<{ items: RoutingPolicy[] }>('/api/routing/policies', { signal })).items;
}

export function createRoutingPolicy(body: RoutingPolicyCreate): Promise<RoutingPolicy> {
  return request('/api/routing/policies', { method: 'POST', body });
}

export function updateRoutingPolicy(id: string, body: RoutingPolicyUpdate): Promise<RoutingPolicy> {
  return request(`/api/routing/policies/${id}`, { method: 'PATCH', body });
}

export function deleteRoutingPolicy(id: string): Promise<void> {
  return request(`/api/routing/policies/${id}`, { method: 'DELETE' });
}
