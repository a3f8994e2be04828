import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';
import { agentKeys } from '../inventory/queries';

/** One identity of a scan (null: the newest), under the agents' keys: any agent change invalidates it. */
export const agentQuery = (api: Api, route: { arn: string; scanId: string | null } | null) =>
  queryOptions({
    queryKey: route === null ? [...agentKeys.all, 'detail', null] : agentKeys.detail(route.arn, route.scanId),
    queryFn: () => (route === null ? Promise.reject(new Error('This address names no identity.')) : api.invoke('agents:get', { arn: route.arn, scanId: route.scanId })),
  });
