import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Keys of the analysed identities: the inventory (scan null: the current state of every account) and one identity. */
export const agentKeys = {
  all: ['agents'] as const,
  list: (scanId: string | null) => [...agentKeys.all, 'list', scanId] as const,
  detail: (arn: string, scanId: string | null) => [...agentKeys.all, 'detail', arn, scanId] as const,
};

export const agentsQuery = (api: Api, scanId: string | null) => queryOptions({ queryKey: agentKeys.list(scanId), queryFn: () => api.invoke('agents:list', { scanId, accountId: null }) });
