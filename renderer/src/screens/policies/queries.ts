import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

export const policyKeys = {
  all: ['policies'] as const,
  /** The policies with their figures over every account's newest scan (null) or one account's. */
  list: (accountId: string | null = null) => [...policyKeys.all, 'list', accountId] as const,
};

export const policiesQuery = (api: Api, accountId: string | null) =>
  queryOptions({ queryKey: policyKeys.list(accountId), queryFn: () => api.invoke('policies:list', { scanId: null, accountId }) });
