import type { KbArticle, KbArticleStatus, KbArticleUpdate } from '@baton/schemas/types';
import { request } from '../client.ts';

export interface KbFilters {
  status?: KbArticleStatus;
  q?: string;
  tag?: string;
}

export async function listArticles(filters: KbFilters, signal?: AbortSignal): Promise<KbArticle[]> {
  return (
    await request<{ items: KbArticle[] }>('/api/kb/articles', { query: { ...filters, limit: 100 }, signal })
  ).items;
}

export function updateArticle(id: string, body: KbArticleUpdate): Promise<KbArticle> {
  return request(`/api/kb/articles/${id}`, { method: 'PATCH', body });
}
