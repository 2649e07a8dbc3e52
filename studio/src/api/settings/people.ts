import type { ApiKey, ApiKeyCreate, User, UserCreate, UserUpdate } from '@baton/schemas/types';
import { request } from '../client.ts';

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  return (await request<{ items: User[] }>('/api/users', { signal })).items;
}

export function createUser(body: UserCreate): Promise<User> {
  return request('/api/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UserUpdate): Promise<User> {
  return request(`/api/users/${id}`, { method: 'PATCH', body });
}

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
  return (await request<{ items: ApiKey[] }>('/api/api-keys', { signal })).items;
}

/** The secret is in this answer only. */
export function createApiKey(body: ApiKeyCreate): Promise<{ apiKey: ApiKey; secret: string }> {
  return request('/api/api-keys', { method: 'POST', body });
}

export function revokeApiKey(id: string): Promise<ApiKey> {
  return request(`/api/api-keys/${id}`, { method: 'DELETE' });
}
