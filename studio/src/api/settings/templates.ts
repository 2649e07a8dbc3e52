import type {
  MessageTemplate,
  MessageTemplateCreate,
  MessageTemplatePreview,
  MessageTemplateRendered,
  MessageTemplateUpdate,
  MessageTemplateVersion,
} from '@baton/schemas/types';
import { request } from '../client.ts';

export async function listTemplates(signal?: AbortSignal): Promise<MessageTemplate[]> {
  return (await request<{ items: MessageTemplate[] }>('/api/templates', { signal })).items;
}

export function createTemplate(body: MessageTemplateCreate): Promise<MessageTemplate> {
  return request('/api/templates', { method: 'POST', body });
}

export function saveTemplate(id: string, body: MessageTemplateUpdate): Promise<MessageTemplate> {
  return request(`/api/templates/${id}`, { method: 'PUT', body });
}

export async function templateVersions(id: string, signal?: AbortSignal): Promise<MessageTemplateVersion[]> {
  return (await request<{ items: MessageTemplateVersion[] }>(`/api/templates/${id}/versions`, { signal }))
    .items;
}

export function previewTemplate(
  body: MessageTemplatePreview,
  signal?: AbortSignal,
): Promise<MessageTemplateRendered> {
  return request('/api/templates/preview', { method: 'POST', body, signal });
}
