import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

export const scanKeys = {
  all: ['scans'] as const,
  list: () => [...scanKeys.all, 'list'] as const,
  detail: (id: string) => [...scanKeys.all, 'detail', id] as const,
};

export const scansQuery = (api: Api) => queryOptions({ queryKey: scanKeys.list(), queryFn: () => api.invoke('scans:list', {}) });
export const scanQuery = (api: Api, id: string) => queryOptions({ queryKey: scanKeys.detail(id), queryFn: () => api.invoke('scans:get', { id }) });

/** What a scan changed since the previous scan of its account (`changes:get`): stale whenever the analysis is. */
export const changeKeys = {
  all: ['changes'] as const,
  ofScan: (id: string) => [...changeKeys.all, 'scan', id] as const,
};
export const scanChangesQuery = (api: Api, id: string) => queryOptions({ queryKey: changeKeys.ofScan(id), queryFn: () => api.invoke('changes:get', { to: id }) });
