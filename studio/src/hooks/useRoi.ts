import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRoi, type RangeQuery, type RoiInputs } from '../api/analytics.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useRoi(query: RangeQuery & Partial<RoiInputs>) {
  return useQuery({
    queryKey: queryKeys.analyticsRoi(query),
    queryFn: ({ signal }) => getRoi(query, signal),
    placeholderData: keepPreviousData,
  });
}
