import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ISSUE_FILTER_KEYS, type IssueFilterKey, type IssueFilters } from '../api/issues.ts';

/** The inbox filters, kept in the URL query so views can be bookmarked and shared. */
export function useInboxFilters() {
  const [params, setParams] = useSearchParams();

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
      setParams((current) => {
        const next = new URLSearchParams(current);
        const trimmed = value?.trim();
        if (trimmed) next.set(key, trimmed);
        else next.delete(key);
        return next;
      });
    },
    [setParams],
  );

  const clearFilters = useCallback(() => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const key of ISSUE_FILTER_KEYS) next.delete(key);
      return next;
    });
  }, [setParams]);

  return { filters, setFilter, clearFilters, activeCount: Object.keys(filters).length };
}
