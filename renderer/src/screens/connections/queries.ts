import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
  /** The AWS profiles of this machine: not workspace data, refreshed by hand. */
  profiles: () => ['aws-profiles'] as const,
  scannerPolicy: (memberRoleName: string | null) => ['scanner-policy', memberRoleName] as const,
};

export const connectionsQuery = (api: Api) => queryOptions({ queryKey: connectionKeys.list(), queryFn: () => api.invoke('connections:list', {}) });
/**
 * The profiles live in ~/.aws/config, which the back end does not watch (no event says they
 * changed): read again whenever a screen that lists them opens, as before the cache.
 */
export const profilesQuery = (api: Api) =>
  queryOptions({ queryKey: connectionKeys.profiles(), queryFn: () => api.invoke('connections:profiles', {}), staleTime: 0 });
export const scannerPolicyQuery = (api: Api, memberRoleName: string | null) =>
  queryOptions({ queryKey: connectionKeys.scannerPolicy(memberRoleName), queryFn: () => api.invoke('connections:scannerPolicy', { memberRoleName }) });
