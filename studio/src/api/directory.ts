import { request } from './client.ts';
import type { Agent, ItemList, Team } from './types.ts';

export async function listTeams(signal?: AbortSignal): Promise<Team[]> {
  return (await request<ItemList<Team>>('/api/teams', { signal })).items;
}

export async function listAgents(signal?: AbortSignal): Promise<Agent[]> {
  return (await request<ItemList<Agent>>('/api/agents', { signal })).items;
}
