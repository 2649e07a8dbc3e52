import type { Agent, AgentCreate, AgentUpdate, Team, TeamCreate, TeamUpdate } from '@baton/schemas/types';
import { request } from '../client.ts';

export function createTeam(body: TeamCreate): Promise<Team> {
  return request('/api/teams', { method: 'POST', body });
}

export function updateTeam(id: string, body: TeamUpdate): Promise<Team> {
  return request(`/api/teams/${id}`, { method: 'PATCH', body });
}

export function createAgent(body: AgentCreate): Promise<Agent> {
  return request('/api/agents', { method: 'POST', body });
}

export function updateAgent(id: string, body: AgentUpdate): Promise<Agent> {
  return request(`/api/agents/${id}`, { method: 'PATCH', body });
}
