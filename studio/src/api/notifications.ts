import type { Notification } from '@baton/schemas/types';
import { request } from './client.ts';
import type { Page } from './types.ts';

/** My in-app notifications, newest first. */
export function listMyNotifications(signal?: AbortSignal): Promise<Page<Notification>> {
  return request<Page<Notification>>('/api/me/notifications', { query: { limit: 30 }, signal });
}

export function ackNotification(id: string): Promise<Notification> {
  return request<Notification>(`/api/notifications/${encodeURIComponent(id)}/ack`, {
    method: 'POST',
    body: {},
  });
}

/** What the live stream pushes for each in-app notification. */
export interface InAppPush {
  notificationId: string;
  urgency?: string;
  subject?: string;
  text: string;
  issueId?: string;
  createdAt?: string;
}
