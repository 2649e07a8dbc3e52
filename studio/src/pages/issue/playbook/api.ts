/** The playbook calls the panel makes: what can run, the issue's runs, starting one, acting on a step. */
import type { PlaybookRun, PlaybookStepAction } from '@baton/schemas/types';
import { request } from '../../../api/client.ts';

export type { PlaybookRun, PlaybookStep, PlaybookStepAction } from '@baton/schemas/types';

export interface PlaybookSummary {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  version: number;
  triggers: string[];
}

export interface ExpertCandidate {
  agentId: string;
  name: string;
  score: number;
  available: boolean;
  reasons: Array<{ factor: string; detail: string }>;
}

export async function listPlaybooks(signal?: AbortSignal): Promise<PlaybookSummary[]> {
  return (await request<{ items: PlaybookSummary[] }>('/api/playbooks', { signal })).items;
}

export async function listIssueRuns(issueId: string, signal?: AbortSignal): Promise<PlaybookRun[]> {
  return (
    await request<{ items: PlaybookRun[] }>(`/api/issues/${encodeURIComponent(issueId)}/playbooks`, {
      signal,
    })
  ).items;
}

export function startPlaybook(
  issueId: string,
  body: { playbookId: string; question?: string; expertAgentId?: string },
): Promise<PlaybookRun> {
  return request<PlaybookRun>(`/api/issues/${encodeURIComponent(issueId)}/playbooks`, {
    method: 'POST',
    body,
  });
}

export function actOnStep(runId: string, stepId: string, action: PlaybookStepAction): Promise<PlaybookRun> {
  return request<PlaybookRun>(
    `/api/playbook-runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(stepId)}`,
    { method: 'POST', body: action },
  );
}

export async function rankExperts(issueId: string, signal?: AbortSignal): Promise<ExpertCandidate[]> {
  return (
    await request<{ experts: ExpertCandidate[] }>(`/api/issues/${encodeURIComponent(issueId)}/experts`, {
      signal,
    })
  ).experts;
}
