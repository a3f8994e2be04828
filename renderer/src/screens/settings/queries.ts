import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

export const settingsKeys = {
  all: ['settings'] as const,
};

export const settingsQuery = (api: Api) => queryOptions({ queryKey: settingsKeys.all, queryFn: () => api.invoke('settings:get', {}) });
