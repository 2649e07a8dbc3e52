import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateIssue } from '../api/issues.ts';
import type { Issue, IssuePatch } from '../api/types.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** The issue as it will be once `patch` is applied (null in `assignee` clears that part). */
export function applyPatch(issue: Issue, patch: IssuePatch): Issue {
  const { assignee: assigneePatch, ...rest } = patch;
  const next: Issue = { ...issue, ...rest };
  if (assigneePatch) {
    const assignee = { ...issue.assignee };
    for (const key of ['agentId', 'teamId'] as const) {
      const value = assigneePatch[key];
      if (value === null) delete assignee[key];
      else if (value !== undefined) assignee[key] = value;
    }
    next.assignee = assignee;
  }
  return next;
}

/**
 * PATCHes an issue. The change shows at once (optimistic) and is rolled back if the server refuses it;
 * the server's answer then replaces the cached issue, and lists and timelines refresh.
 */
export function useUpdateIssue(id: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.issue(id);
  return useMutation({
    mutationFn: (patch: IssuePatch) => updateIssue(id, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Issue>(key);
      if (previous) queryClient.setQueryData<Issue>(key, applyPatch(previous, patch));
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (issue) => {
      if (issue && typeof issue === 'object' && 'id' in issue) queryClient.setQueryData(key, issue);
      else void queryClient.invalidateQueries({ queryKey: key });
    },
    onSettled: (issue) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.issueTimeline(id) });
      void queryClient.invalidateQueries({ queryKey: ['issues', 'list'] });
      const customerId = issue?.customerId ?? queryClient.getQueryData<Issue>(key)?.customerId;
      if (customerId)
        void queryClient.invalidateQueries({ queryKey: queryKeys.customerTimeline(customerId) });
    },
  });
}
