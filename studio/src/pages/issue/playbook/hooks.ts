/** Queries and mutations of the playbook panel; every change refreshes the issue's runs and timeline. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/queryKeys.ts';
import {
  actOnStep,
  listIssueRuns,
  listPlaybooks,
  type PlaybookRun,
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

/**
 * Acting on a step. A checkbox flips at once (optimistically) and the server's answer replaces the
 * run; a refusal puts the list back as the server has it.
 */
export function useStepAction(issueId: string) {
  const refresh = useRefresh(issueId);
  const client = useQueryClient();
  const key = runsKey(issueId);
  return useMutation({
    mutationFn: ({ runId, stepId, action }: { runId: string; stepId: string; action: PlaybookStepAction }) =>
      actOnStep(runId, stepId, action),
    onMutate: async ({ runId, stepId, action }) => {
      if (action.action !== 'check') return;
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<PlaybookRun[]>(key, (runs) =>
        runs?.map((run) =>
          run.id !== runId
            ? run
            : {
                ...run,
                steps: run.steps.map((step) =>
                  step.id !== stepId
                    ? step
                    : {
                        ...step,
                        items: step.items?.map((i) =>
                          i.id === action.itemId ? { ...i, done: action.done } : i,
                        ),
                      },
                ),
              },
        ),
      );
    },
    onSuccess: (run) => {
      client.setQueryData<PlaybookRun[]>(key, (runs) => runs?.map((r) => (r.id === run.id ? run : r)));
      refresh();
    },
    onError: refresh,
  });
}
