import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Changes the address's query, starting from the address as it is now. react-router's setter starts
 * from the query of the render that made it — its function form too (its docs: calls in one turn do
 * not build on each other) — so two changes made before React re-rendered (a report tab and a
 * grouping, two inbox chips) kept only the second. The router is a browser router: the address bar
 * is the current state.
 */
export function useUpdateQuery(): (
  change: (query: URLSearchParams) => void,
  options?: { replace?: boolean },
) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (change, options) => {
      const query = new URLSearchParams(window.location.search);
      change(query);
      setParams(query, options);
    },
    [setParams],
  );
}
