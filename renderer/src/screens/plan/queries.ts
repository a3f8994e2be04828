import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Keys of the 30-day plan: one read (the plan, its tasks and its burn-down). */
export const planKeys = {
  all: ['plan'] as const,
  get: () => [...planKeys.all, 'get'] as const,
};

export const planQuery = (api: Api) => queryOptions({ queryKey: planKeys.get(), queryFn: () => api.invoke('plan:get', {}) });
