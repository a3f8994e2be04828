import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

export const policyKeys = {
  all: ['policies'] as const,
  list: () => [...policyKeys.all, 'list'] as const,
};

export const policiesQuery = (api: Api) => queryOptions({ queryKey: policyKeys.list(), queryFn: () => api.invoke('policies:list', {}) });
