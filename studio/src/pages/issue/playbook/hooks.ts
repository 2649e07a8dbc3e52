/** Queries and mutations of the playbook panel; every change refreshes the issue's runs and timeline. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/queryKeys.ts';
import {
  actOnStep,
  listIssueRuns,
  listPlaybooks,
  type PlaybookStepAction,
  rankExperts,
  startPlaybook,
} from './api.ts';

const runsKey = (issueId: string) => ['playbooks', 'runs', issueId] as const;

/** The issue's runs, refreshed every few seconds: steps move by other people, timers and the customer. */
export function useIssueRuns(issueId: string) {
  return useQuery({
    queryKey: runsKey(issueId),
    queryFn: ({ signal }) => listIssueRuns(issueId, signal),
    refetchInterval: 5_000,
  });
}

export function usePlaybooks() {
  return useQuery({
    queryKey: ['playbooks', 'list'],
    queryFn: ({ signal }) => listPlaybooks(signal),
    staleTime: 60_000,
  });
}

export function useExperts(issueId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['playbooks', 'experts', issueId],
    queryFn: ({ signal }) => rankExperts(issueId, signal),
    enabled,
    staleTime: 30_000,
  });
}

function useRefresh(issueId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: runsKey(issueId) });
    void client.invalidateQueries({ queryKey: queryKeys.issueTimeline(issueId) });
    void client.invalidateQueries({ queryKey: queryKeys.issue(issueId) });
  };
}

export function useStartPlaybook(issueId: string) {
  const refresh = useRefresh(issueId);
  return useMutation({
    mutationFn: (body: { playbookId: string; question?: string; expertAgentId?: string }) =>
      startPlaybook(issueId, body),
    onSuccess: refresh,
  });
}

export function useStepAction(issueId: string) {
  const refresh = useRefresh(issueId);
  return useMutation({
    mutationFn: ({ runId, stepId, action }: { runId: string; stepId: string; action: PlaybookStepAction }) =>
      actOnStep(runId, stepId, action),
    onSuccess: refresh,
  });
}
