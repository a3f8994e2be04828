import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Keys of the Overview (account null: every account's newest scan). */
export const overviewKeys = {
  all: ['overview'] as const,
  get: (accountId: string | null) => [...overviewKeys.all, 'get', accountId] as const,
};

export const overviewQuery = (api: Api, accountId: string | null) =>
  queryOptions({ queryKey: overviewKeys.get(accountId), queryFn: () => api.invoke('overview:get', { accountId }) });
