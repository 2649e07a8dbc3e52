import type {
  SlaCalculate,
  SlaCalculation,
  SlaHistory,
  SlaPolicy,
  SlaPolicyCreate,
  SlaPolicyUpdate,
} from '@baton/schemas/types';
import { request } from '../client.ts';

export async function listSlaPolicies(signal?: AbortSignal): Promise<SlaPolicy[]> {
  return (await request<{ items: SlaPolicy[] }>('/api/sla/policies', { signal })).items;
}

export function createSlaPolicy(body: SlaPolicyCreate): Promise<SlaPolicy> {
  return request('/api/sla/policies', { method: 'POST', body });
}

export function updateSlaPolicy(id: string, body: SlaPolicyUpdate): Promise<SlaPolicy> {
  return request(`/api/sla/policies/${id}`, { method: 'PATCH', body });
}

export function deleteSlaPolicy(id: string): Promise<void> {
  return request(`/api/sla/policies/${id}`, { method: 'DELETE' });
}

export function calculateSla(body: SlaCalculate): Promise<SlaCalculation> {
  return request('/api/sla/calculate', { method: 'POST', body });
}

export function slaHistory(days: number, signal?: AbortSignal): Promise<SlaHistory> {
  return request('/api/sla/history', { query: { days }, signal });
}
