import { useCallback, useEffect, useEffectEvent, useState } from 'react';
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

interface Settled<T> {
  generation: number;
  state: QueryState<T>;
}

/**
 * Load data for a screen: loading, error and ready states, and a reload that keeps the old data on
 * screen while it runs. `key` names what is loaded; a new key loads afresh.
 */
export function useQuery<T>(key: string, load: () => Promise<T>): Query<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<(Settled<T> & { key: string }) | null>(null);
  const run = useEffectEvent(load);

  useEffect(() => {
    let current = true;
    run().then(
      (data) => {
        if (current) setSettled({ key, generation, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (current) setSettled({ key, generation, state: { status: 'error', error: toApiError(error) } });
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  if (settled === null || settled.key !== key) return { status: 'loading', reload, reloading: false };
  const stale = settled.generation !== generation;
  // A failed load that is being retried shows as loading again; good data stays while it refreshes.
  if (stale && settled.state.status === 'error') return { status: 'loading', reload, reloading: false };
  return { ...settled.state, reload, reloading: stale };
}
