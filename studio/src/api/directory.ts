import { request } from './client.ts';
import type { Agent, ItemList, Team, TeamNotifications } from './types.ts';

export async function listTeams(signal?: AbortSignal): Promise<Team[]> {
  return (await request<ItemList<Team>>('/api/teams', { signal })).items;
}

export async function listAgents(signal?: AbortSignal): Promise<Agent[]> {
  return (await request<ItemList<Agent>>('/api/agents', { signal })).items;
}

export async function updateTeamNotifications(id: string, notifications: TeamNotifications): Promise<Team> {
  return request<Team>(`/api/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body: { notifications } });
}
