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

/** Tells an agent they were mentioned in the issue's workspace (their policy picks the channels). */
export function notifyMention(input: {
  agentId: string;
  issueId: string;
  author: string;
  text: string;
  key: string;
}): Promise<unknown> {
  return request('/api/notifications', {
    method: 'POST',
    body: {
      to: { kind: 'agent', id: input.agentId },
      issueId: input.issueId,
      urgency: 'normal',
      // The comment is text, not a template: it travels as variables.
      template: { subject: '{{ author }} mentioned you: {{ issue.subject }}', text: '{{ comment }}' },
      vars: { author: input.author, comment: input.text },
      idempotencyKey: input.key,
    },
  });
}
