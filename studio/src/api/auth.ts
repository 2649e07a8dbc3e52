import { request } from './client.ts';
import type { LoginResponse, Principal } from './types.ts';

export function login(email: string, password: string): Promise<LoginResponse> {
  return request<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
    token: null,
  });
}

/** Who the token belongs to. Pass `token` to check a token that is not the session's yet. */
export async function fetchMe(options: { token?: string; signal?: AbortSignal } = {}): Promise<Principal> {
  const result = await request<{ principal: Principal }>('/api/auth/me', options);
  return result.principal;
}

/** Revokes `token`. Sent with an explicit token so a 401 here does not count as the session expiring. */
export function logout(token: string): Promise<void> {
  return request<void>('/api/auth/logout', { method: 'POST', token });
}
