import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ISSUE_FILTER_KEYS, type IssueFilterKey, type IssueFilters } from '../api/issues.ts';
import { useUpdateQuery } from './useUpdateQuery.ts';

/** The inbox filters, kept in the URL query so views can be bookmarked and shared. */
export function useInboxFilters() {
  const [params] = useSearchParams();
  const updateQuery = useUpdateQuery();

  const filters = useMemo(() => {
    const result: IssueFilters = {};
    for (const key of ISSUE_FILTER_KEYS) {
      const value = params.get(key)?.trim();
      if (value) result[key] = value;
    }
    return result;
  }, [params]);

  const setFilter = useCallback(
    (key: IssueFilterKey, value: string | undefined) => {
      updateQuery((query) => {
        const trimmed = value?.trim();
        if (trimmed) query.set(key, trimmed);
        else query.delete(key);
      });
    },
    [updateQuery],
  );

  const clearFilters = useCallback(() => {
    updateQuery((query) => {
      for (const key of ISSUE_FILTER_KEYS) query.delete(key);
    });
  }, [updateQuery]);

  return { filters, setFilter, clearFilters, activeCount: Object.keys(filters).length };
}
