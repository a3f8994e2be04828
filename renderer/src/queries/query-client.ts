import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one cache. Data is never fetched again only because a screen mounted, the window got
 * focus or the network came back: what is cached stays true until the back end says it changed
 * (a data-changed event or a mutation invalidates the matching keys; see data-changes.ts).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        // The back end answers errors a person can act on; retrying would only delay them.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}
