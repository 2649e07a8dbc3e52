import { useQuery } from '@tanstack/react-query';
import { getIssue } from '../api/issues.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useIssue(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.issue(id ?? ''),
    queryFn: ({ signal }) => getIssue(id!, signal),
    enabled: Boolean(id),
  });
}
