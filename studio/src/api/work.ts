import type {
  AgentStatusUpdate,
  Escalation,
  ExpertRanking,
  Handoff,
  HandoffBrief,
  HandoffCreate,
  IssueSla,
  MyWork,
  RoutingOffer,
  SlaRunning,
} from '@baton/schemas/types';
import { request } from './client.ts';
import type { Agent, Page } from './types.ts';

const enc = encodeURIComponent;

/** What waits for me: my issues, offers, handoffs and escalations, each with its issue. */
export function getMyWork(signal?: AbortSignal): Promise<MyWork> {
  return request<MyWork>('/api/me/work', { signal });
}

export function setMyStatus(status: AgentStatusUpdate['status']): Promise<Agent> {
  return request<Agent>('/api/agents/me/status', { method: 'PUT', body: { status } });
}

export function acceptOffer(id: string): Promise<RoutingOffer> {
  return request<RoutingOffer>(`/api/routing/offers/${enc(id)}/accept`, { method: 'POST', body: {} });
}

export function declineOffer(id: string): Promise<RoutingOffer> {
  return request<RoutingOffer>(`/api/routing/offers/${enc(id)}/decline`, { method: 'POST', body: {} });
}

export function listHandoffs(issueId: string, signal?: AbortSignal): Promise<Page<Handoff>> {
  return request<Page<Handoff>>(`/api/issues/${enc(issueId)}/handoffs`, { signal });
}

export function createHandoff(issueId: string, body: HandoffCreate): Promise<Handoff> {
  return request<Handoff>(`/api/issues/${enc(issueId)}/handoffs`, { method: 'POST', body });
}

export function acceptHandoff(id: string): Promise<Handoff> {
  return request<Handoff>(`/api/handoffs/${enc(id)}/accept`, { method: 'POST', body: {} });
}

export function declineHandoff(id: string, reason: string): Promise<Handoff> {
  return request<Handoff>(`/api/handoffs/${enc(id)}/decline`, { method: 'POST', body: { reason } });
}

export function completeHandoff(id: string): Promise<Handoff> {
  return request<Handoff>(`/api/handoffs/${enc(id)}/complete`, { method: 'POST', body: {} });
}

export function listEscalations(issueId: string, signal?: AbortSignal): Promise<Page<Escalation>> {
  return request<Page<Escalation>>(`/api/issues/${enc(issueId)}/escalations`, { signal });
}

export function ackEscalation(id: string): Promise<Escalation> {
  return request<Escalation>(`/api/escalations/${enc(id)}/ack`, { method: 'POST', body: {} });
}

export function getIssueSla(issueId: string, signal?: AbortSignal): Promise<IssueSla> {
  return request<IssueSla>(`/api/issues/${enc(issueId)}/sla`, { signal });
}

export function getRunningSla(signal?: AbortSignal): Promise<SlaRunning> {
  return request<SlaRunning>('/api/sla/running', { signal });
}

export function getBrief(issueId: string, signal?: AbortSignal): Promise<HandoffBrief> {
  return request<HandoffBrief>(`/api/issues/${enc(issueId)}/brief`, { signal });
}

export function getExperts(issueId: string, signal?: AbortSignal): Promise<ExpertRanking> {
  return request<ExpertRanking>(`/api/issues/${enc(issueId)}/experts`, { signal });
}
