import { useQuery as useTanstackQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback } from 'react';
import { toApiError, type ApiError } from '../api/api-error';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export type Query<T> = QueryState<T> & {
  /** Load again; the current data stays on screen meanwhile. */
  reload: () => void;
  /** True while a reload runs over data already shown. */
  reloading: boolean;
};

/**
 * A cached query (options from a feature's `queries.ts`) in the three states every screen renders:
 * loading, error (as an ApiError) and ready. Data stays on screen while it is fetched again after an
 * invalidation or a reload.
 */
export function useQueryState<T, K extends QueryKey>(options: UseQueryOptions<T, Error, T, K>): Query<T> {
  const result = useTanstackQuery(options);
  const { refetch } = result;
  const reload = useCallback(() => {
    void refetch();
  }, [refetch]);
  if (result.status === 'pending') return { status: 'loading', reload, reloading: false };
  // A failed load that is being retried shows as loading again; good data stays while it refreshes.
  if (result.status === 'error') return result.isFetching ? { status: 'loading', reload, reloading: false } : { status: 'error', error: toApiError(result.error), reload, reloading: false };
  return { status: 'ready', data: result.data, reload, reloading: result.isFetching };
}
