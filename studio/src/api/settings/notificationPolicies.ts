import type { NotificationPolicy, NotificationPolicyUpdate } from '@baton/schemas/types';
import { request } from '../client.ts';

export function getNotificationPolicy(userId: string, signal?: AbortSignal): Promise<NotificationPolicy> {
  return request(`/api/notification-policies/${userId}`, { signal });
}

export function putNotificationPolicy(
  userId: string,
  body: NotificationPolicyUpdate,
): Promise<NotificationPolicy> {
  return request(`/api/notification-policies/${userId}`, { method: 'PUT', body });
}
